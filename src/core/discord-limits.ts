/** Discord's hard limits, in one place, so that truncation is never guessed. */
export const DiscordLimits = {
  messageContent: 2000,
  embedsPerMessage: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFooter: 2048,
  embedAuthorName: 256,
  embedTotal: 6000,
  autocompleteChoices: 25,
  autocompleteChoiceName: 100,
  autocompleteChoiceValue: 100,
  modalTitle: 45,
  modalComponents: 5,
  textInputValue: 4000,
  labelText: 45,
  customId: 100,
  buttonsPerRow: 5,
  actionRows: 5,
  buttonLabel: 80,
  attachmentDescription: 1024,
  textInputPlaceholder: 100,
} as const;

/** The marker appended when text is cut to fit a limit. */
export const TRUNCATION_MARKER = '…';
