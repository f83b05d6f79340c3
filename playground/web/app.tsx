import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { DiscordMessage, DispatchResult, Entry, Person, Place } from '../shared/protocol.js';
import { api } from './api.js';
import { CallsPanel } from './calls.js';
import { messageCommandNames, slashLeaves } from './commands.js';
import type { ComponentUse } from './components.js';
import { Composer } from './composer.js';
import { Message } from './message.js';
import { ModalDialog } from './modal.js';
import { usePlayground } from './store.js';

interface OpenModal {
  modal: DiscordMessage;
  place: Place;
  /** The message whose button opened it. */
  messageId?: string;
}

function samePlace(a: Place, b: Place): boolean {
  return a.kind === b.kind && (a.kind === 'guild' || (b.kind === 'dm' && a.personId === b.personId));
}

export function App() {
  const state = usePlayground();
  const [meId, setMeId] = useState<string | null>(null);
  const [where, setWhere] = useState<'guild' | 'dm'>('guild');
  const [modal, setModal] = useState<OpenModal | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const scroller = useRef<HTMLDivElement>(null);

  const people = state?.people ?? [];
  const me: Person | undefined = people.find((person) => person.id === meId) ?? people.find((person) => person.selectable);
  const place: Place = where === 'guild' || !me ? { kind: 'guild' } : { kind: 'dm', personId: me.id };
  const visible = useMemo(
    () => (state && me ? state.entries.filter((entry) => samePlace(entry.place, place) && (entry.onlyFor === null || entry.onlyFor === me.id)).sort((a, b) => a.timestamp.localeCompare(b.timestamp)) : []),
    [state?.entries, me?.id, where],
  );
  const lastId = visible.at(-1)?.id;
  const lastSignature = JSON.stringify(visible.at(-1)?.message ?? null).length;
  useEffect(() => {
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  }, [lastId, lastSignature, where, me?.id]);

  if (!state || !me) return <p class="booting">{state?.connected === false ? 'The playground is not running.' : 'Loading the playground…'}</p>;

  const nameOf = (id: string) => people.find((person) => person.id === id)?.displayName ?? (id === '900000000000000001' ? state.botName : undefined);
  const inDm = place.kind === 'dm';
  const leaves = slashLeaves(state.commands, inDm);
  const messageCommands = messageCommandNames(state.commands, inDm);

  const after = (result: DispatchResult, from: { place: Place; messageId?: string }): void => {
    setSelected(result.interactionId);
    if (result.modal) setModal({ modal: result.modal, place: from.place, ...(from.messageId ? { messageId: from.messageId } : {}) });
  };
  /** A click the server refused (or could not be reached for) is said in the notice, never dropped. */
  const report = (failure: unknown): void => setNotice(failure instanceof Error ? failure.message : String(failure));
  const useFor = (entry: Entry): ComponentUse => ({
    press: (customId, label) =>
      api
        .component({ as: me.id, place: entry.place, messageId: entry.id, customId, componentType: 2, label: label.slice(0, 100) })
        .then((result) => after(result, { place: entry.place, messageId: entry.id }), report),
    choose: (customId, componentType, values, placeholder) =>
      api
        .component({ as: me.id, place: entry.place, messageId: entry.id, customId, componentType, values, label: placeholder.slice(0, 100) })
        .then((result) => after(result, { place: entry.place, messageId: entry.id }), report),
  });
  const myToken = state.demoTokens.find((token) => token.personId === me.id);

  return (
    <div class="layout">
      <nav class="sidebar">
        <div class="guild-name">{state.guildName}</div>
        <button class={`channel${where === 'guild' ? ' active' : ''}`} onClick={() => setWhere('guild')}>
          # {state.channelName}
        </button>
        <div class="sidebar-heading">Direct messages</div>
        <button class={`channel${where === 'dm' ? ' active' : ''}`} onClick={() => setWhere('dm')}>
          @ {state.botName}
        </button>
        <div class="you">
          <label>
            <span class="sidebar-heading">You are</span>
            <select aria-label="You are" value={me.id} onChange={(event) => setMeId(event.currentTarget.value)}>
              {people
                .filter((person) => person.selectable)
                .map((person) => (
                  <option value={person.id}>{person.displayName}</option>
                ))}
            </select>
          </label>
          <p class="you-role">{me.role}</p>
        </div>
      </nav>
      <main class="channel-view">
        <header class="channel-header">
          {inDm ? `@ ${state.botName}` : `# ${state.channelName}`}
          <span class="channel-topic">{inDm ? 'Your DM with the bot: token setup happens here' : 'A demo server. Type / to run a command.'}</span>
          {!state.connected && <span class="disconnected">disconnected</span>}
        </header>
        <div class="messages" ref={scroller}>
          {inDm && (
            <div class="dm-intro">
              <h3>Token setup</h3>
              {myToken ? (
                <p>
                  The emulator's token for <strong>{myToken.systemName ?? myToken.systemId}</strong> (it means nothing to the real PluralKit):{' '}
                  <code class="demo-token">{myToken.token}</code>{' '}
                  <button class="link-button" onClick={() => void navigator.clipboard?.writeText(myToken.token).then(() => setNotice('Token copied'))}>
                    Copy
                  </button>
                  <br />
                  Run <code>/token set</code> here and paste it into the form, or send it as a message.
                  {me.id === people[0]?.id && ' This account was connected when the playground started.'}
                </p>
              ) : (
                <p>{me.displayName} has no PluralKit system; <code>/token set</code> with any text shows how a wrong token is refused.</p>
              )}
            </div>
          )}
          {visible.map((entry) => (
            <Message
              key={entry.id}
              entry={entry}
              nameOf={nameOf}
              botName={state.botName}
              use={useFor(entry)}
              messageCommands={messageCommands}
              runMessageCommand={(name, target) => void api.messageCommand({ as: me.id, place, name, messageId: target.id }).then((result) => after(result, { place }), report)}
              copyLink={(target) => {
                const link = `https://discord.com/channels/${target.message.guild_id ?? '@me'}/${target.message.channel_id ?? ''}/${target.id}`;
                void navigator.clipboard?.writeText(link);
                setNotice(`Copied ${link} — try /message link`);
              }}
              selected={entry.interactionId !== null && entry.interactionId === selected}
              onSelect={() => entry.interactionId && setSelected(entry.interactionId)}
            />
          ))}
        </div>
        {notice && (
          <div class="notice" role="status" onClick={() => setNotice(null)}>
            {notice}
          </div>
        )}
        <Composer
          leaves={leaves}
          people={people}
          me={me}
          place={place}
          placeholder={inDm ? `Message @${state.botName} — or type / for commands` : `Type / to use a command in #${state.channelName}`}
          allowsText={inDm}
          run={(leaf, options) => api.slash({ as: me.id, place, ...leaf.path, options }).then((result) => after(result, { place }))}
          sendText={(text) => api.directMessage({ as: me.id, content: text }).then(() => undefined)}
        />
      </main>
      <CallsPanel interactions={state.interactions} calls={state.calls} people={people} selected={selected} onSelect={setSelected} />
      {modal && (
        <ModalDialog
          modal={modal.modal}
          onClose={() => setModal(null)}
          onSubmit={(fields) =>
            api
              .modal({ as: me.id, place: modal.place, customId: String(modal.modal.custom_id), fields, title: String(modal.modal.title ?? '').slice(0, 100), ...(modal.messageId ? { messageId: modal.messageId } : {}) })
              .then((result) => {
              setModal(null);
              setSelected(result.interactionId);
            })
          }
        />
      )}
    </div>
  );
}
