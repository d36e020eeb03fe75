/**
 * The Slack function (Lambda function URL → Slack's request URL). Bolt's AwsLambdaReceiver
 * verifies the signature and acknowledges; the listeners' follow-up work goes to the work queue
 * and the worker function runs it. On Lambda the response leaves when the handler returns and
 * the environment freezes right after, so nothing here runs past that: the only work awaited
 * after the listener is sending queued messages.
 */
import { AwsLambdaReceiver, LogLevel } from '@slack/bolt';
import type { APIGatewayProxyEventV2, APIGatewayProxyResult, Context } from 'aws-lambda';
import { createSlackApp } from '../slack/create-slack-app.ts';
import { INSTALL_PATH, lateOAuthRoute, REDIRECT_PATH } from '../slack/slack-oauth.ts';
import { toLambdaResult, toServiceRequest, withTextBody } from './function-url-events.ts';
import { defaultLambdaSources, type LambdaSources, once, withClose } from './lambda-context.ts';
import { loadRuntimeContext } from './runtime-context.ts';

export function createSlackHandler(sources: LambdaSources): ((
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyResult>) & {
  close(): Promise<void>;
} {
  const start = once(async () => {
    const context = await loadRuntimeContext(sources);
    const { config, tenants, runtime, logger, queue } = context;
    const receiver = new AwsLambdaReceiver({
      // loadDeployedConfig refuses a secret without it.
      signingSecret: config.slack.signingSecret as string,
      logLevel: LogLevel.ERROR,
    });
    // OAuth installs: this function's URL also serves /slack/install and /slack/oauth_redirect.
    const oauthRoute = lateOAuthRoute();
    const slack = await createSlackApp(config, tenants, runtime.slackPorts, {
      logger,
      receiver,
      queue,
      oauthRoute,
    });
    if (!slack)
      throw new Error(
        'The Slack function needs SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (or, for OAuth installs, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET) in its secret',
      );
    return { ...context, handle: receiver.toHandler(), oauthRoute };
  });
  return withClose(
    async (
      event: APIGatewayProxyEventV2,
      lambdaContext: Context,
    ): Promise<APIGatewayProxyResult> => {
      const started = await start();
      if (event.rawPath === INSTALL_PATH || event.rawPath === REDIRECT_PATH) {
        const request = toServiceRequest(event);
        if (request === 'too_large') return { statusCode: 413, body: '' };
        return toLambdaResult(await started.oauthRoute.handle(request)) as APIGatewayProxyResult;
      }
      const result = (await started.handle(
        withTextBody(event),
        lambdaContext,
      )) as APIGatewayProxyResult;
      // Events of work done in a listener (a crew member's DM answer) go to the worker's thread.
      await started.queue.idle();
      return result;
    },
    start,
  );
}

export const handler = createSlackHandler(defaultLambdaSources({ secret: true }));
