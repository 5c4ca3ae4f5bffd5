/** asl-validator 4 ships no types; this is the part the stack tests use. */
declare module "asl-validator" {
  type Result = { isValid: boolean; errorsText: (separator?: string) => string };
  export default function aslValidator(definition: unknown, options?: object): Result;
}
