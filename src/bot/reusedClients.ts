import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';

type Claims = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** Clients kept per map; Teams uses a handful of service URLs, so more means junk (anonymous mode takes any URL). */
export const MAX_KEPT_CLIENTS = 64;

/**
 * botbuilder's authentication, keeping the Bot Connector clients it makes. botbuilder builds a new `ConnectorClient`
 * and a new `UserTokenClient` (each an @azure/core-client pipeline of a dozen policies, the proxy settings read from
 * the environment) for every incoming turn and every `continueConversationAsync`: two of each per card click, about
 * a quarter of a click's CPU. The clients hold nothing of a turn (only the bot's credentials, whose access token
 * they cache), so one per bot app id, service URL and audience serves every turn. A client that could not be made
 * is not kept.
 */
export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new Map<string, Promise<ConnectorClient>>();
  private readonly tokenClients = new Map<string, Promise<UserTokenClient>>();

  override async authenticateRequest(
    activity: Activity,
    authHeader: string,
  ): ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']> {
    const result = await super.authenticateRequest(activity, authHeader);
    // The factory botbuilder made for this request is the one createConnectorFactory makes for the same claims.
    return { ...result, connectorFactory: this.createConnectorFactory(result.claimsIdentity) };
  }

  override createConnectorFactory(claims: Claims): ConnectorFactory {
    const made = super.createConnectorFactory(claims);
    const app = appIdOf(claims);
    return {
      create: (serviceUrl: string, audience?: string) =>
        kept(this.connectors, `${app}\n${serviceUrl}\n${audience ?? ''}`, () => made.create(serviceUrl, audience)),
    };
  }

  override createUserTokenClient(claims: Claims): Promise<UserTokenClient> {
    return kept(this.tokenClients, appIdOf(claims), () => super.createUserTokenClient(claims));
  }
}

/** The bot's app id as botbuilder reads it from the claims (the audience of a channel's token, else the appid claim). */
function appIdOf(claims: Claims): string {
  return claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
}

function kept<T>(clients: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  const known = clients.get(key);
  if (known) return known;
  const client = make();
  client.catch(() => clients.delete(key));
  clients.set(key, client);
  if (clients.size > MAX_KEPT_CLIENTS) clients.delete(clients.keys().next().value as string);
  return client;
}
