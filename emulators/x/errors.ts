/**
 * X's error bodies. Shapes and wordings come from the docs (response-codes-and-errors,
 * handling-disconnections) and from responses seen in the wild; the ones the emulator had to
 * guess are listed in README.md. X still sends `api.twitter.com` problem URIs, as the OpenAPI
 * spec's discriminator does, although the docs now print `api.x.com`.
 */
export const PROBLEM_URI = 'https://api.twitter.com/2/problems/';

export type ProblemBody = Record<string, unknown> & { title: string; type: string };

/** A problem thrown anywhere in a request and rendered once by the app's error handler. */
export class XProblem extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    /** Auth-layer problems go out as `application/problem+json`, handler errors as JSON. */
    readonly contentType: 'application/json' | 'application/problem+json' = 'application/json',
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${JSON.stringify(body)}`);
    this.name = 'XProblem';
  }
}

function generic(status: number, title: string, detail: string, problemJson = true): XProblem {
  return new XProblem(
    status,
    { title, type: 'about:blank', status, detail },
    problemJson ? 'application/problem+json' : 'application/json',
  );
}

/** One entry of an invalid-request problem: a message and the offending parameters. */
export interface InvalidParameter {
  message: string;
  parameters?: Record<string, string[]>;
}

export const problems = {
  unauthorized: () => generic(401, 'Unauthorized', 'Unauthorized'),
  /** Missing OAuth 2.0 scope: X answers a bare 403. */
  forbidden: (detail = 'Forbidden') => generic(403, 'Forbidden', detail),
  /** A 403 a handler raises (duplicate content, refused reply): JSON, as X sends it. */
  refused: (detail: string) => generic(403, 'Forbidden', detail, false),
  tooManyRequests: (headers: Record<string, string>) => {
    const problem = generic(429, 'Too Many Requests', 'Too Many Requests');
    Object.assign(problem.headers, headers);
    return problem;
  },
  unsupportedAuthentication: (used: 'app' | 'user') =>
    new XProblem(
      403,
      {
        title: 'Unsupported Authentication',
        detail:
          used === 'app'
            ? 'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].'
            : 'Authenticating with OAuth 2.0 User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].',
        type: `${PROBLEM_URI}unsupported-authentication`,
        status: 403,
      },
      'application/problem+json',
    ),
  invalidRequest: (errors: InvalidParameter[]) =>
    new XProblem(400, {
      errors,
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: `${PROBLEM_URI}invalid-request`,
    }),
  creditsDepleted: (accountId: number) =>
    new XProblem(402, {
      account_id: accountId,
      title: 'CreditsDepleted',
      detail: `Your enrolled account [${accountId}] does not have any credits to fulfill this request.`,
      type: `${PROBLEM_URI}credits`,
    }),
  /** An endpoint the project's tier no longer includes (likes on self-serve since 2026). */
  clientNotEnrolled: (clientId: string) =>
    new XProblem(403, {
      client_id: clientId,
      detail:
        'You currently have access to a subset of X API V2 endpoints and limited v1.1 endpoints (e.g. media post, oauth) only. If you need access to this endpoint, you may need a different access level. You can learn more here: https://developer.x.com/en/portal/product',
      registration_url: 'https://developer.x.com/en/portal/product',
      title: 'Client Forbidden',
      required_enrollment: 'Appropriate Level of API Access',
      reason: 'client-not-enrolled',
      type: `${PROBLEM_URI}client-forbidden`,
    }),
  /** A resource a write endpoint needs is missing (see README: shape guessed). */
  notFound: (resourceType: string, parameter: string, value: string) =>
    new XProblem(404, { ...notFoundEntry(resourceType, parameter, value), status: 404 }),
};

/** The `errors[]` entry for a missing tweet or user in a 200 response (partial errors). */
export function notFoundEntry(resourceType: string, parameter: string, value: string): ProblemBody {
  return {
    value,
    detail: `Could not find ${resourceType} with ${parameter}: [${value}].`,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: value,
    type: `${PROBLEM_URI}resource-not-found`,
  };
}
