import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AutocompleteChoice, OptionValues, Person, Place } from '../shared/protocol.js';
import { api } from './api.js';
import { OptionType, matchLeaves, type Leaf, type OptionDef } from './commands.js';

interface Filled {
  value: OptionValues[string];
  /** What the box shows: the chosen choice's name, a person's name, or the typed text. */
  display: string;
  /** Picked from a list (a choice, a person), not just typed. */
  picked: boolean;
}

interface Suggestion {
  label: string;
  hint?: string;
  pick(): void;
}

export interface ComposerProps {
  leaves: Leaf[];
  people: Person[];
  me: Person;
  place: Place;
  placeholder: string;
  /** In a DM, plain text goes to the bot as a message (a pasted token). */
  allowsText: boolean;
  run(leaf: Leaf, options: OptionValues): Promise<void>;
  sendText(text: string): Promise<void>;
}

const AUTOCOMPLETE_DELAY_MS = 120;

/** Discord's message box: `/` opens the command picker, then one box per option, with choices and live autocomplete. */
export function Composer(props: ComposerProps) {
  const [text, setText] = useState('');
  const [leaf, setLeaf] = useState<Leaf | null>(null);
  const [filled, setFilled] = useState<Record<string, Filled>>({});
  const [shown, setShown] = useState<string[]>([]);
  const [focused, setFocused] = useState<string | null>(null);
  const [remote, setRemote] = useState<{ option: string; choices: AutocompleteChoice[] } | null>(null);
  const [highlight, setHighlight] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const mainInput = useRef<HTMLInputElement>(null);
  const tailInput = useRef<HTMLInputElement>(null);

  const reset = (): void => {
    setText('');
    setLeaf(null);
    setFilled({});
    setShown([]);
    setFocused(null);
    setRemote(null);
    setError(null);
  };
  useEffect(reset, [props.me.id, props.place.kind]);

  const choose = (next: Leaf): void => {
    setLeaf(next);
    setFilled({});
    setError(null);
    const required = next.options.filter((option) => option.required).map((option) => option.name);
    setShown(required);
    setFocused(required[0] ?? null);
    setText('');
  };

  // In the same task as the render: the box that had focus may just have been removed, and a key
  // pressed before a later effect would land on the page's body and be lost.
  useLayoutEffect(() => {
    if (focused) inputs.current.get(focused)?.focus();
    else (leaf ? tailInput : mainInput).current?.focus();
  }, [focused, leaf, shown.length]);

  const optionValues = (values: Record<string, Filled>): OptionValues => Object.fromEntries(Object.entries(values).map(([name, entry]) => [name, entry.value]));

  // Live autocomplete: ask the bot, as Discord does, with every option filled so far.
  const focusedDef = leaf?.options.find((option) => option.name === focused);
  const typed = focused ? (filled[focused]?.display ?? '') : '';
  useEffect(() => {
    if (!leaf || !focusedDef?.autocomplete) return;
    let current = true;
    const timer = setTimeout(() => {
      const others = optionValues(filled);
      api
        .autocomplete({ as: props.me.id, place: props.place, ...leaf.path, options: { ...others, [focusedDef.name]: typed }, focused: focusedDef.name })
        .then((choices) => current && setRemote({ option: focusedDef.name, choices }))
        .catch(() => current && setRemote({ option: focusedDef.name, choices: [] }));
    }, AUTOCOMPLETE_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [leaf, focusedDef?.name, typed]);

  const fill = (option: OptionDef, entry: Filled): void => {
    const next = { ...filled, [option.name]: entry };
    setFilled(next);
    setError(null);
    setHighlight(0);
    if (entry.picked) {
      const following = shown[shown.indexOf(option.name) + 1];
      setFocused(following ?? null);
    }
  };

  const suggestions = ((): Suggestion[] => {
    if (!leaf) {
      if (!text.startsWith('/')) return [];
      return matchLeaves(props.leaves, text).slice(0, 25).map((candidate) => ({ label: candidate.label, hint: candidate.description, pick: () => choose(candidate) }));
    }
    if (!focusedDef) return [];
    const query = typed.toLowerCase();
    if (focusedDef.choices.length > 0) {
      return focusedDef.choices
        .filter((choice) => choice.name.toLowerCase().includes(query) || filled[focusedDef.name]?.picked)
        .map((choice) => ({ label: choice.name, pick: () => fill(focusedDef, { value: choice.value, display: choice.name, picked: true }) }));
    }
    if (focusedDef.type === OptionType.Boolean) {
      return [true, false].map((value) => ({ label: value ? 'True' : 'False', pick: () => fill(focusedDef, { value, display: value ? 'True' : 'False', picked: true }) }));
    }
    if (focusedDef.type === OptionType.User) {
      return props.people
        .filter((person) => `${person.displayName} ${person.username}`.toLowerCase().includes(query) || filled[focusedDef.name]?.picked)
        .map((person) => ({ label: person.displayName, hint: `@${person.username}`, pick: () => fill(focusedDef, { value: { user: person.id }, display: person.displayName, picked: true }) }));
    }
    if (focusedDef.autocomplete && remote?.option === focusedDef.name) {
      return remote.choices.map((choice) => ({ label: choice.name, pick: () => fill(focusedDef, { value: choice.value, display: choice.name, picked: true }) }));
    }
    return [];
  })();

  /**
   * Clears the box at once, as Discord does, and says in it if the send failed: the reply can
   * arrive (over the event stream) before the answer to the send, and the next command must not
   * wait for that answer.
   */
  const send = (sending: Promise<void>): void => {
    reset();
    sending.catch((failure: unknown) => setError(String(failure)));
  };

  const submit = (): void => {
    if (!leaf) {
      const message = text.trim();
      if (!message) return;
      if (message.startsWith('/')) {
        const [best] = matchLeaves(props.leaves, message);
        if (best) choose(best);
        return;
      }
      if (!props.allowsText) {
        setError('The bot reads no channel messages: type / to use a command.');
        return;
      }
      send(props.sendText(message));
      return;
    }
    const missing = leaf.options.find((option) => option.required && !filled[option.name]?.display);
    if (missing) {
      setError(`${missing.name} is required`);
      setFocused(missing.name);
      return;
    }
    const values: OptionValues = {};
    for (const option of leaf.options) {
      const entry = filled[option.name];
      if (!entry || entry.display === '') continue;
      if (!entry.picked && (option.type === OptionType.Integer || option.type === OptionType.Number)) {
        const number = Number(entry.display);
        if (!Number.isFinite(number)) {
          setError(`${option.name} must be a number`);
          setFocused(option.name);
          return;
        }
        values[option.name] = number;
      } else if (!entry.picked && (option.type === OptionType.Boolean || option.type === OptionType.User || option.choices.length > 0)) {
        setError(`pick one of the offered values for ${option.name}`);
        setFocused(option.name);
        return;
      } else values[option.name] = entry.value;
    }
    send(props.run(leaf, values));
  };

  const onKeyDown = (event: KeyboardEvent): void => {
    if (suggestions.length > 0 && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      setHighlight((highlight + (event.key === 'ArrowDown' ? 1 : suggestions.length - 1)) % suggestions.length);
    } else if ((event.key === 'Enter' || event.key === 'Tab') && suggestions.length > 0 && (!leaf || !filled[focused ?? '']?.picked)) {
      event.preventDefault();
      suggestions[Math.min(highlight, suggestions.length - 1)]!.pick();
    } else if (event.key === 'Enter') {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      reset();
    } else if (event.key === 'Backspace' && leaf && typed === '' && !filled[focused ?? '']?.picked) {
      const index = focused ? shown.indexOf(focused) : shown.length;
      if (index > 0) setFocused(shown[index - 1]!);
      else if (Object.keys(filled).length === 0) reset();
    }
  };

  const optional = leaf?.options.filter((option) => !shown.includes(option.name)) ?? [];
  return (
    <div class="composer">
      {suggestions.length > 0 && (
        <div class="suggestions" role="listbox" aria-label={leaf ? `Choices for ${focused}` : 'Commands'}>
          <div class="suggestions-heading">
            {leaf && focusedDef ? `${focusedDef.name}: ${focusedDef.description}${focusedDef.autocomplete && !focusedDef.choices.length ? ' — answered by the bot' : ''}` : 'Commands'}
          </div>
          {suggestions.map((suggestion, index) => (
            <button role="option" aria-selected={index === highlight} class={`suggestion${index === highlight ? ' highlighted' : ''}`} onMouseDown={(event) => { event.preventDefault(); suggestion.pick(); }}>
              <span class="suggestion-label">{suggestion.label}</span>
              {suggestion.hint && <span class="suggestion-hint">{suggestion.hint}</span>}
            </button>
          ))}
        </div>
      )}
      {leaf && focusedDef && suggestions.length === 0 && <div class="option-help">{focusedDef.name}: {focusedDef.description}</div>}
      {error && <div class="composer-error" role="alert">{error}</div>}
      <div class="composer-box">
        {!leaf && (
          <input
            ref={mainInput}
            class="composer-input"
            aria-label="Message"
            placeholder={props.placeholder}
            value={text}
            onInput={(event) => {
              setText(event.currentTarget.value);
              setHighlight(0);
              setError(null);
            }}
            onKeyDown={onKeyDown}
          />
        )}
        {leaf && (
          <div class="command-line">
            <span class="command-chip">
              {leaf.label}
              <button class="chip-clear" title="Clear" onClick={reset}>×</button>
            </span>
            {shown.map((name) => {
              const option = leaf.options.find((candidate) => candidate.name === name)!;
              return (
                <label class={`option-pill${focused === name ? ' focused' : ''}`}>
                  <span class="option-name">{name}:</span>
                  <input
                    ref={(element) => {
                      if (element) inputs.current.set(name, element);
                      else inputs.current.delete(name);
                    }}
                    aria-label={name}
                    value={filled[name]?.display ?? ''}
                    maxLength={option.maxLength}
                    onFocus={() => setFocused(name)}
                    onInput={(event) => fill(option, { value: event.currentTarget.value, display: event.currentTarget.value, picked: false })}
                    onKeyDown={onKeyDown}
                  />
                </label>
              );
            })}
            {optional.length > 0 && (
              <select
                class="add-option"
                aria-label="Add an optional option"
                value=""
                onChange={(event) => {
                  const name = event.currentTarget.value;
                  if (!name) return;
                  setShown([...shown, name]);
                  setFocused(name);
                }}
              >
                <option value="">+ {optional.length} optional</option>
                {optional.map((option) => (
                  <option value={option.name}>
                    {option.name} — {option.description}
                  </option>
                ))}
              </select>
            )}
            <input ref={tailInput} class="command-tail" aria-label="Command" value="" onFocus={() => setFocused(null)} onKeyDown={onKeyDown} />
          </div>
        )}
        <button class="send" title="Send" onClick={submit}>
          ➤
        </button>
      </div>
    </div>
  );
}
