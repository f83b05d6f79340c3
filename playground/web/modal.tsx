import { useState } from 'preact/hooks';
import type { DiscordMessage } from '../shared/protocol.js';

const ComponentType = { ActionRow: 1, TextInput: 4, TextDisplay: 10, Label: 18 } as const;
const PARAGRAPH = 2;

interface Input {
  label: string;
  description: string | null;
  input: DiscordMessage;
}

/** Text inputs of a modal, in the current form (Label around TextInput) or the legacy one (ActionRow). */
function inputsOf(modal: DiscordMessage): Input[] {
  return ((modal.components ?? []) as DiscordMessage[]).flatMap((component): Input[] => {
    if (component.type === ComponentType.Label && component.component?.type === ComponentType.TextInput) {
      return [{ label: String(component.label ?? ''), description: component.description ?? null, input: component.component }];
    }
    if (component.type === ComponentType.ActionRow) {
      return ((component.components ?? []) as DiscordMessage[])
        .filter((inner) => inner.type === ComponentType.TextInput)
        .map((inner) => ({ label: String(inner.label ?? ''), description: null, input: inner }));
    }
    return [];
  });
}

export function ModalDialog({ modal, onSubmit, onClose }: { modal: DiscordMessage; onSubmit(fields: Record<string, string>): Promise<void>; onClose(): void }) {
  const inputs = inputsOf(modal);
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(inputs.map(({ input }) => [input.custom_id, input.value ?? ''])));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div class="modal-backdrop" role="dialog" aria-label={modal.title} onClick={onClose}>
      <form
        class="modal"
        onClick={(event) => event.stopPropagation()}
        onSubmit={(event) => {
          event.preventDefault();
          setBusy(true);
          setError(null);
          // A send that failed keeps the form open with what was typed, and says why.
          onSubmit(values)
            .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
            .finally(() => setBusy(false));
        }}
      >
        <h2>{modal.title}</h2>
        {inputs.map(({ label, description, input }) => {
          const common = {
            name: input.custom_id,
            value: values[input.custom_id] ?? '',
            placeholder: input.placeholder ?? '',
            required: input.required !== false,
            minLength: input.min_length,
            maxLength: input.max_length,
            onInput: (event: Event) => setValues({ ...values, [input.custom_id]: (event.currentTarget as HTMLInputElement).value }),
          };
          return (
            <label class="modal-field">
              <span class="modal-label">
                {label}
                {common.required && <span class="required"> *</span>}
              </span>
              {description && <span class="modal-description">{description}</span>}
              {input.style === PARAGRAPH ? <textarea rows={4} {...common} /> : <input type="text" {...common} />}
            </label>
          );
        })}
        {error && (
          <div class="modal-error" role="alert">
            {error}
          </div>
        )}
        <div class="modal-actions">
          <button type="button" class="link-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" class="button primary" disabled={busy}>
            Submit
          </button>
        </div>
      </form>
    </div>
  );
}
