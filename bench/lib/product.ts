/**
 * Everything the bench takes from the product, in one place: the composition root and config for the bot process,
 * and the card renderer for the render figure. Storage is whatever the config's default STORAGE is.
 */
export { createApp, type App, type AppOverrides } from '../../src/app';
export { loadConfig } from '../../src/config';
export { createLogger } from '../../src/logger';
export { bindCardViews } from '../../src/cards/cardViews';
export { parseNotificationBody } from '../../src/notifications/schema';
export { newSnapshot } from '../../src/tasks/snapshots';
export type { Installation } from '../../src/core/installation';
export { ThrottledCardChannel } from '../../src/notifications/throttledChannel';
export { DeliveryError, type CardChannel } from '../../src/core/cardChannel';
export type { ConversationRef } from '../../src/core/installation';
export { silentLogger } from '../../src/logger';
