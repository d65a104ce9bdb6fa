/** Thrown when a renderer gets input it cannot show correctly (a bad date, URL or count). */
export class RenderInputError extends Error {
  override readonly name = 'RenderInputError';
}
