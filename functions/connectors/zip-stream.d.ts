/**
 * The part of zip-stream 7 that ZipWriter uses (the package ships no types). Entries are
 * written one at a time: `entry` calls back once its source is in the archive.
 */
declare module 'zip-stream' {
  import type { Readable, Transform } from 'node:stream';
  import type { ZlibOptions } from 'node:zlib';

  export default class ZipStream extends Transform {
    constructor(options?: { zlib?: ZlibOptions; forceZip64?: boolean });
    entry(source: Readable | Buffer | string, data: { name: string; store?: boolean }, callback: (error?: Error | null) => void): this;
    finalize(): void;
    getBytesWritten(): number;
  }
}
