import type { InteractionSummary, Person, PluralKitCall } from '../shared/protocol.js';

function statusClass(status: number): string {
  if (status === 0) return 'status-reset';
  if (status < 300) return 'status-ok';
  if (status < 500) return 'status-refused';
  return 'status-error';
}

function query(call: PluralKitCall): string {
  const text = new URLSearchParams(call.query).toString();
  return text ? `?${text}` : '';
}

/** What the bot asked PluralKit, per interaction: the page as a lesson in the API. */
export function CallsPanel({ interactions, calls, people, selected, onSelect }: { interactions: InteractionSummary[]; calls: PluralKitCall[]; people: Person[]; selected: string | null; onSelect(id: string): void }) {
  const nameOf = (id: string) => people.find((person) => person.id === id)?.displayName ?? id;
  const groups = [...interactions].reverse().map((interaction) => ({ interaction, calls: calls.filter((call) => call.interactionId === interaction.id) }));
  return (
    <aside class="calls" aria-label="PluralKit requests">
      <h2>What the bot asked PluralKit</h2>
      <p class="calls-intro">
        Every request, per interaction: 🔑 with the user's token (their own view), 🌐 without one (what the public sees). Click a reply to pick out its interaction.
      </p>
      {groups.length === 0 && <p class="calls-empty">Run a command to see its requests here.</p>}
      {groups.map(({ interaction, calls: own }) => (
        <section class={`call-group${selected === interaction.id ? ' selected' : ''}`} data-interaction-id={interaction.id} onClick={() => onSelect(interaction.id)}>
          <div class="call-group-heading">
            <strong>{nameOf(interaction.personId)}</strong> {interaction.label}
            {interaction.status === 'failed' && <span class="status-error"> — failed</span>}
            {interaction.status === 'pending' && <span class="calls-pending"> …</span>}
          </div>
          {own.length === 0 ? (
            <div class="call none">no PluralKit request</div>
          ) : (
            own.map((call) => (
              <div class="call">
                <span class="call-auth" title={call.withToken ? 'sent with the token' : 'sent without a token'}>{call.withToken ? '🔑' : '🌐'}</span>
                <span class={`call-method method-${call.method.toLowerCase()}`}>{call.method}</span>
                <span class="call-path">
                  {call.path}
                  {query(call)}
                </span>
                <span class={`call-status ${statusClass(call.status)}`}>{call.status === 0 ? 'reset' : call.status}</span>
                {call.durationMs !== null && <span class="call-time">{call.durationMs} ms</span>}
              </div>
            ))
          )}
        </section>
      ))}
    </aside>
  );
}
