import { useState } from 'preact/hooks';
import type { DiscordMessage } from '../shared/protocol.js';

const ComponentType = { ActionRow: 1, Button: 2, StringSelect: 3 } as const;
const LINK_STYLE = 5;
const STYLE_CLASSES: Record<number, string> = { 1: 'primary', 2: 'secondary', 3: 'success', 4: 'danger', 5: 'secondary', 6: 'primary' };

export interface ComponentUse {
  press(customId: string, label: string): Promise<void>;
  choose(customId: string, componentType: number, values: string[], placeholder: string): Promise<void>;
}

function emojiText(emoji: DiscordMessage | undefined): string {
  if (!emoji) return '';
  return emoji.id ? `:${emoji.name}:` : String(emoji.name ?? '');
}

function Button({ button, use }: { button: DiscordMessage; use: ComponentUse }) {
  const [busy, setBusy] = useState(false);
  const label = [emojiText(button.emoji), button.label ?? ''].filter(Boolean).join(' ');
  if (button.style === LINK_STYLE) {
    return (
      <a class="button secondary" href={button.url} target="_blank" rel="noreferrer noopener" title={`${button.url} — needs the network`}>
        {label} ↗
      </a>
    );
  }
  return (
    <button
      class={`button ${STYLE_CLASSES[button.style] ?? 'secondary'}`}
      disabled={Boolean(button.disabled) || busy}
      onClick={() => {
        setBusy(true);
        use.press(String(button.custom_id), label).finally(() => setBusy(false));
      }}
    >
      {label}
    </button>
  );
}

function Select({ select, use }: { select: DiscordMessage; use: ComponentUse }) {
  const options = (select.options ?? []) as DiscordMessage[];
  const multiple = (select.max_values ?? 1) > 1;
  return (
    <select
      class="select"
      multiple={multiple}
      disabled={Boolean(select.disabled)}
      onChange={(event) => {
        const element = event.currentTarget;
        const values = [...element.selectedOptions].map((option) => option.value).filter(Boolean);
        if (values.length > 0) void use.choose(String(select.custom_id), Number(select.type), values, String(select.placeholder ?? ''));
      }}
    >
      {!multiple && <option value="">{select.placeholder ?? 'Make a selection'}</option>}
      {options.map((option) => (
        <option value={option.value} selected={Boolean(option.default)} title={option.description}>
          {[emojiText(option.emoji), option.label].filter(Boolean).join(' ')}
        </option>
      ))}
    </select>
  );
}

/** Action rows of buttons and select menus. */
export function Components({ rows, use }: { rows: DiscordMessage[]; use: ComponentUse }) {
  return (
    <div class="components">
      {rows
        .filter((row) => row.type === ComponentType.ActionRow)
        .map((row) => (
          <div class="action-row">
            {((row.components ?? []) as DiscordMessage[]).map((component) =>
              component.type === ComponentType.Button ? <Button button={component} use={use} /> : <Select select={component} use={use} />,
            )}
          </div>
        ))}
    </div>
  );
}
