import { ComponentType, TextInputStyle, type APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';
import { DiscordLimits } from '../core/discord-limits.js';
import { truncate } from '../text/truncate.js';

export interface ModalInput {
  customId: string;
  label: string;
  description?: string;
  style: 'short' | 'paragraph';
  required: boolean;
  minLength?: number;
  maxLength: number;
  placeholder?: string;
  /** Prefilled text. */
  value?: string | null;
}

/**
 * A modal of labelled text inputs (Discord's Label components, which replaced action-row text
 * inputs), every part cut to Discord's limits so a long title or value never fails the response.
 */
export function buildModal(customId: string, title: string, inputs: readonly ModalInput[]): APIModalInteractionResponseCallbackData {
  return {
    custom_id: customId,
    title: truncate(title, DiscordLimits.modalTitle),
    components: inputs.slice(0, DiscordLimits.modalComponents).map((input) => {
      const maxLength = Math.min(input.maxLength, DiscordLimits.textInputValue);
      return {
        type: ComponentType.Label,
        label: truncate(input.label, DiscordLimits.labelText),
        ...(input.description ? { description: truncate(input.description, DiscordLimits.labelDescription) } : {}),
        component: {
          type: ComponentType.TextInput,
          custom_id: input.customId,
          style: input.style === 'paragraph' ? TextInputStyle.Paragraph : TextInputStyle.Short,
          required: input.required,
          ...(input.minLength !== undefined ? { min_length: input.minLength } : {}),
          max_length: maxLength,
          ...(input.placeholder ? { placeholder: truncate(input.placeholder, DiscordLimits.textInputPlaceholder) } : {}),
          ...(input.value ? { value: input.value.slice(0, maxLength) } : {}),
        },
      };
    }),
  };
}
