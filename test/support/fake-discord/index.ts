export { startFakeDiscord } from './server.js';
export type {
  AutocompleteInput,
  ButtonInput,
  DirectMessageInput,
  FakeDiscord,
  FakeDiscordOptions,
  FakeUser,
  GatewayDrop,
  IdentifyPayload,
  InitialResponse,
  InteractionHandle,
  LooseJson,
  MessageContextInput,
  ModalSubmitInput,
  SelectMenuInput,
  RecordedRequest,
  SlashCommandInput,
  SlashOptionValue,
  WaitForRequestOptions,
} from './types.js';
export type { MessageEvent, StoredMessage, UploadedFile } from './message-store.js';
