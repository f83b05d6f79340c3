/** A POST as a route sees it: the raw bytes and Discord's signature headers. */
export interface SignedRequest {
  body: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
}

/** What a route answers; `onSent` learns whether the answer left (the first response of an interaction). */
export interface HttpAnswer {
  status: number;
  contentType?: string;
  body?: Buffer;
  onSent?: (failure?: Error) => void;
}

export type RouteHandler = (request: SignedRequest) => Promise<HttpAnswer>;

export function jsonAnswer(status: number, body: unknown): HttpAnswer {
  return { status, contentType: 'application/json', body: Buffer.from(JSON.stringify(body), 'utf8') };
}

export const NO_CONTENT: HttpAnswer = { status: 204 };

/** What a refused signed request is told: only whether it was the signature or the body. */
export function refusedSignedRequest(refusal: { status: 400 | 401 }): HttpAnswer {
  return jsonAnswer(refusal.status, { error: refusal.status === 401 ? 'invalid request signature' : 'body is not JSON' });
}
