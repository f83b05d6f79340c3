import { DiscordErrors } from '../http-io.js';
import { fail, ok, parseBody, type Route, type RouteContext, type RouteResult } from '../router.js';
import { commandListSchema } from '../schemas.js';

function application(context: RouteContext): Record<string, unknown> {
  const { config } = context.state;
  return {
    id: config.applicationId,
    name: config.botUsername,
    icon: null,
    description: 'Fake application for tests',
    summary: '',
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
    owner: { id: '1', username: 'owner', discriminator: '0', avatar: null, global_name: null },
    bot: context.state.botUser(),
    integration_types_config: { '0': {}, '1': {} },
  };
}

/** Commands live under the bot's own application; any other id is an application the bot cannot touch. */
function withOwnApplication(handler: (context: RouteContext) => RouteResult): (context: RouteContext) => RouteResult {
  return (context) => (context.params.app === context.state.config.applicationId ? handler(context) : fail(DiscordErrors.missingAccess));
}

const overwriteCommands = withOwnApplication((context) => {
  const parsed = parseBody(commandListSchema, context.body);
  if (!parsed.ok) return parsed.result;
  return ok(context.state.commands.overwrite(context.params.guild, parsed.value));
});

const listCommands = withOwnApplication((context) => ok(context.state.commands.list(context.params.guild)));

export const applicationRoutes: readonly Route[] = [
  {
    name: 'get gateway bot',
    method: 'GET',
    pattern: '/gateway/bot',
    auth: 'bot',
    handle: (context) =>
      ok({
        url: context.state.gatewayUrl(),
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
      }),
  },
  { name: 'get gateway', method: 'GET', pattern: '/gateway', auth: 'none', handle: (context) => ok({ url: context.state.gatewayUrl() }) },
  { name: 'get current application', method: 'GET', pattern: '/applications/@me', auth: 'bot', handle: (context) => ok(application(context)) },
  { name: 'get oauth2 application', method: 'GET', pattern: '/oauth2/applications/@me', auth: 'bot', handle: (context) => ok(application(context)) },
  { name: 'get current user', method: 'GET', pattern: '/users/@me', auth: 'bot', handle: (context) => ok(context.state.botUser()) },
  { name: 'list global commands', method: 'GET', pattern: '/applications/:app/commands', auth: 'bot', handle: listCommands },
  { name: 'overwrite global commands', method: 'PUT', pattern: '/applications/:app/commands', auth: 'bot', handle: overwriteCommands },
  { name: 'list guild commands', method: 'GET', pattern: '/applications/:app/guilds/:guild/commands', auth: 'bot', handle: listCommands },
  { name: 'overwrite guild commands', method: 'PUT', pattern: '/applications/:app/guilds/:guild/commands', auth: 'bot', handle: overwriteCommands },
];
