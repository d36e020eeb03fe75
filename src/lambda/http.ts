/**
 * The HTTP function (a Lambda function URL, behind the tenants' CloudFront distributions for
 * /crew/*, /calendar/* and /g/<slug>/uploads): the built-in calendar and SCC services, magic-link
 * pages, upload presigning and the SCC answer hook, through the same routes as the local server.
 * Crew answers' events go to the worker, which keeps the Slack threads.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { jsonResponse } from '../server/service-http.ts';
import { forwardEvent } from '../slack/create-slack-app.ts';
import { toLambdaResult, toServiceRequest } from './function-url-events.ts';
import { defaultLambdaSources, type LambdaSources, once, withClose } from './lambda-context.ts';
import { loadRuntimeContext } from './runtime-context.ts';

export function createHttpHandler(sources: LambdaSources): ((
  event: APIGatewayProxyEventV2,
) => Promise<APIGatewayProxyStructuredResultV2>) & {
  close(): Promise<void>;
} {
  const start = once(async () => {
    const context = await loadRuntimeContext(sources);
    context.runtime.subscribe((tenantId, bookingId, event) =>
      forwardEvent(context.queue, context.logger, tenantId, bookingId, event),
    );
    return context;
  });
  return withClose(
    async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
      const { runtime, queue } = await start();
      const request = toServiceRequest(event);
      const response =
        request === 'too_large'
          ? jsonResponse(413, { error: 'too_large', message: 'The request body is too large.' })
          : await runtime.handle(request);
      await queue.idle();
      return toLambdaResult(response);
    },
    start,
  );
}

export const handler = createHttpHandler(defaultLambdaSources({ secret: true }));
