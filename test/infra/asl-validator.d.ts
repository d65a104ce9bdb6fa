/** asl-validator 4 ships no types; the part of its API the tests use. */
declare module 'asl-validator' {
  interface AslValidation {
    isValid: boolean;
    errors: { message: string }[];
    errorsText(separator?: string): string;
  }
  export default function aslValidator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): AslValidation;
}
