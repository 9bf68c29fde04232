/**
 * A refusal with a message meant for the person who asked: bad input the schema could not
 * see, a conflict, something not found. Actions and routes turn it into their answer.
 */
export class Refusal extends Error {
  constructor(
    message: string,
    public status: 403 | 404 | 409 | 422 = 422,
    public extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'Refusal';
  }
}
