// Bad input to `vet` (exit 2): the package is not found, not a package, or cannot be read or fetched.
// Kept apart from internal errors so the message can be shown as it is, without "internal error".
export class VetInputError extends Error {
  override name = 'VetInputError';
}
