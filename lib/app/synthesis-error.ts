/**
 * Raised when synthesis is refused (invalid input, invalid configuration); the message is the
 * full report. `npm run synth` prints it without a stack trace and exits 1.
 */
export class SynthesisError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SynthesisError';
  }
}
