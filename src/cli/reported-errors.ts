/** Thrown once a command has printed its errors: the exit code is all that is left to give. */
export class ReportedErrors extends Error {
  constructor(readonly exitCode: number) {
    super('errors reported');
  }
}
