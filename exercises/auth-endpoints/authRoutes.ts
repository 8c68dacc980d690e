import type { AuthService } from './AuthService'

/**
 * The HTTP face of `auth`: `POST /register`, `POST /login` and `GET /profile`, matched on the URL's pathname.
 * The returned function always resolves with a JSON `Response`, also for bad requests and internal errors.
 */
export function createAuthHandler(auth: AuthService): (request: Request) => Promise<Response> {
  // TODO: one helper that builds every response: JSON body, Content-Type: application/json,
  //   Cache-Control: no-store, X-Content-Type-Options: nosniff
  // TODO: route on new URL(request.url).pathname: unknown path -> 404; known path, wrong method -> 405 + Allow
  // TODO: POST bodies: Content-Type must be application/json (else 415); read request.body (null when nothing
  //   was sent) chunk by chunk and stop past 64 KiB (413); JSON.parse inside try (400); string fields (400)
  // TODO: map AuthService errors: ValidationError -> 400 {error, issues}, ConflictError -> 409, AuthError -> 401
  // TODO: GET /profile: Authorization: Bearer <token> (scheme in any case) -> auth.getCurrentUser(token);
  //   401 answers carry WWW-Authenticate: Bearer, with error="invalid_token" when a token was sent
  //   (a malformed Bearer credential may instead get 400 with error="invalid_request")
  // TODO: send users through an allow-list of public fields; anything unexpected -> 500 with a generic message
  return async (request) => {
    void auth
    void request
    throw new Error('Not implemented yet: createAuthHandler — see the lesson')
  }
}
