import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandSubcommandGroupOption,
  type APIApplicationCommandSubcommandOption,
  type RESTPostAPIApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import type { MessageMenuInteraction, ModalInteraction } from '../interaction/interaction.js';
import { UserFacingError } from '../core/user-facing-error.js';
import { buttonGone, MENU_ENTRY_GONE_TEXT, UNKNOWN_BUTTON_TEXT, UNKNOWN_FORM_TEXT, unknownCommandPath } from '../render/flows.js';
import type { CommandContext, CommandModule, HelpContext, HelpSection } from './command.js';
import { EVERYWHERE } from './contexts.js';
import type { CustomId } from '../interaction/custom-id.js';
import { optionsJson, parseArgs, type ArgsOf, type Options } from './args.js';
import { autocompleteFrom } from './autocomplete.js';
import { CANCEL_ACTION, CONFIRM_ACTION, type Confirmation } from './confirm.js';
import type { HandlerContext, Needs, ReplyVisibility } from './context.js';
import { FORM_REOPEN_ACTION, FORM_SUBMIT_ACTION, type Form } from './form.js';
import { PAGE_ACTION, type Pager } from './pager.js';
import { flowCommand, prepareContext } from './prepare.js';
import { applyReadTarget, applyReadVisibility, READ_FIELDS, TARGET_FIELDS, type TargetArgs } from './target.js';

/*
 * A command is a table: each subcommand declares its options, who sees the reply, what it needs
 * (the caller's token, a server) and its handler. The table builds the Discord definition, the
 * routing of subcommands, buttons and modals, autocomplete, and the /help text, so a new
 * subcommand touches its own handler and one table entry.
 */

/* eslint-disable @typescript-eslint/no-explicit-any -- flows of any payload type share one list */
/** A flow whose buttons or modal come back to the command: a confirmation, a pager or a form. */
export type Flow = Confirmation<any> | Pager<any> | Form<any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface Subcommand {
  readonly description: string;
  readonly options: Options;
  readonly visibility: ReplyVisibility;
  readonly needs: Needs;
  /** The flows the handler opens: the table routes their buttons and modals. */
  readonly flows: readonly Flow[];
  /** One line of extra help (e.g. what happens with no options). */
  readonly help?: string;
  run(ctx: HandlerContext, args: unknown): Promise<void>;
}

export function subcommand<const O extends Options = Record<never, never>, const N extends Needs = Record<never, never>, const V extends ReplyVisibility = 'ephemeral'>(spec: {
  description: string;
  options?: O;
  needs?: N;
  visibility?: V;
  help?: string;
  /** Every flow the handler opens (its buttons and modals are routed by the command table). */
  flows?: readonly Flow[];
  run(ctx: HandlerContext<N, V>, args: ArgsOf<O>): Promise<void>;
}): Subcommand {
  const visibility = spec.visibility ?? 'ephemeral';
  const added = visibility === 'target' ? TARGET_FIELDS : visibility === 'read' ? READ_FIELDS : {};
  const options: Options = { ...spec.options, ...added };
  return {
    description: spec.description,
    options,
    visibility,
    needs: spec.needs ?? {},
    flows: spec.flows ?? [],
    ...(spec.help ? { help: spec.help } : {}),
    run: spec.run as Subcommand['run'],
  };
}

export interface SubcommandGroup {
  description: string;
  subcommands: Record<string, Subcommand>;
}

export interface MessageMenu {
  run(ctx: CommandContext, interaction: MessageMenuInteraction): Promise<void>;
}

export interface CommandTable {
  name: string;
  description: string;
  /** The handler of a command without subcommands (e.g. /fronters). */
  run?: Subcommand;
  subcommands?: Record<string, Subcommand>;
  groups?: Record<string, SubcommandGroup>;
  /** Message context-menu entries by their visible name. */
  messageMenus?: Record<string, MessageMenu>;
  /** Flows opened from buttons rather than a subcommand (subcommands declare their own). */
  flows?: readonly Flow[];
  /** Buttons that are not part of a flow, by custom-ID action. */
  buttons?: Record<string, (ctx: CommandContext, id: CustomId) => Promise<void>>;
  /** Modals that are not forms (no stored state), by custom-ID action. */
  modals?: Record<string, (ctx: CommandContext, interaction: ModalInteraction, id: CustomId) => Promise<void>>;
  directMessage?: CommandModule['directMessage'];
  /** A closing line for /help (setup hints), which may depend on the run mode. */
  helpNote?: string | ((context: HelpContext) => string | undefined);
}

const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;
const DESCRIPTION_MAX = 100;

function assertDeclaration(where: string, name: string, description: string): void {
  if (!NAME.test(name)) throw new Error(`${where}: "${name}" is not a valid Discord command or option name`);
  if (description.length < 1 || description.length > DESCRIPTION_MAX) throw new Error(`${where} ${name}: description must be 1–100 characters`);
}

function subcommandJson(name: string, spec: Subcommand): APIApplicationCommandSubcommandOption {
  for (const [option, field] of Object.entries(spec.options)) assertDeclaration(`option of ${name}`, option, field.description);
  return { type: ApplicationCommandOptionType.Subcommand, name, description: spec.description, options: optionsJson(spec.options) };
}

function usage(path: string, spec: Subcommand): string {
  const args = Object.entries(spec.options)
    .filter(([name]) => !(spec.visibility === 'target' && name in TARGET_FIELDS))
    .sort(([, a], [, b]) => Number(b.required) - Number(a.required))
    .map(([name, field]) => (field.required ? `<${name}>` : `[${name}]`));
  if (spec.visibility === 'target') args.push('[user|system] [private] [only_me]');
  const notes = [spec.needs.token ? 'needs `/token set`' : null, spec.needs.server ? 'servers only' : null].filter(Boolean);
  const line = `\`/${[path, ...args].join(' ')}\` — ${spec.description}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  return spec.help ? `${line}. ${spec.help}` : line;
}

/** Every flow the table's subcommands (and the table itself) declare, by id; one id, one flow. */
function collectFlows(command: string, table: CommandTable): Map<string, Flow> {
  const all = [
    ...(table.run?.flows ?? []),
    ...Object.values(table.subcommands ?? {}).flatMap((spec) => spec.flows),
    ...Object.values(table.groups ?? {}).flatMap((group) => Object.values(group.subcommands).flatMap((spec) => spec.flows)),
    ...(table.flows ?? []),
  ];
  const byId = new Map<string, Flow>();
  for (const flow of all) {
    if (flowCommand(flow.id) !== command) throw new Error(`flow ${flow.id} belongs to another command than /${command}`);
    const known = byId.get(flow.id);
    if (known && known !== flow) throw new Error(`two different flows of /${command} share the id ${flow.id}`);
    byId.set(flow.id, flow);
  }
  return byId;
}

function flowOf<K extends Flow['kind']>(flows: Map<string, Flow>, id: string | undefined, kind: K): Extract<Flow, { kind: K }> | undefined {
  const flow = id === undefined ? undefined : flows.get(id);
  return flow?.kind === kind ? (flow as Extract<Flow, { kind: K }>) : undefined;
}

/** The Discord definitions of a table: its slash command (subcommands and groups) and its message menus. */
function tableDefinitions(table: CommandTable): RESTPostAPIApplicationCommandsJSONBody[] {
  const options = [
    ...Object.entries(table.subcommands ?? {}).map(([name, spec]) => (assertDeclaration('subcommand', name, spec.description), subcommandJson(name, spec))),
    ...Object.entries(table.groups ?? {}).map(([name, group]): APIApplicationCommandSubcommandGroupOption => {
      assertDeclaration('subcommand group', name, group.description);
      return {
        type: ApplicationCommandOptionType.SubcommandGroup,
        name,
        description: group.description,
        options: Object.entries(group.subcommands).map(([sub, spec]) => (assertDeclaration('subcommand', sub, spec.description), subcommandJson(sub, spec))),
      };
    }),
  ];
  const definitions: RESTPostAPIApplicationCommandsJSONBody[] = [];
  if (table.run || options.length > 0) {
    definitions.push({
      type: ApplicationCommandType.ChatInput,
      name: table.name,
      description: table.description,
      ...EVERYWHERE,
      options: table.run ? optionsJson(table.run.options) : options,
    });
  }
  for (const name of Object.keys(table.messageMenus ?? {})) definitions.push({ type: ApplicationCommandType.Message, name, ...EVERYWHERE });
  return definitions;
}

/** The subcommand a group and subcommand name lead to (or the command's own handler). */
function subcommandOf(table: CommandTable, group: string | null, sub: string | null): Subcommand | undefined {
  if (table.run) return group === null && sub === null ? table.run : undefined;
  if (group !== null) return sub === null ? undefined : table.groups?.[group]?.subcommands[sub];
  return sub === null ? undefined : table.subcommands?.[sub];
}

/** `/help` for a table: one usage line per subcommand, its menus, and its closing note. */
function tableHelp(table: CommandTable, context: HelpContext): HelpSection {
  const lines: string[] = [];
  if (table.run) lines.push(usage(table.name, table.run));
  for (const [name, spec] of Object.entries(table.subcommands ?? {})) lines.push(usage(`${table.name} ${name}`, spec));
  for (const [groupName, group] of Object.entries(table.groups ?? {})) {
    for (const [name, spec] of Object.entries(group.subcommands)) lines.push(usage(`${table.name} ${groupName} ${name}`, spec));
  }
  for (const name of Object.keys(table.messageMenus ?? {})) lines.push(`**${name}** — right-click a message → Apps → ${name}`);
  const note = typeof table.helpNote === 'function' ? table.helpNote(context) : table.helpNote;
  if (note) lines.push(note);
  return { command: table.name, summary: table.description, lines };
}

/** Finds the flow a button or modal belongs to, from the kind of its stored row. */
function flowRouter(table: CommandTable, flows: Map<string, Flow>) {
  return async <K extends Flow['kind']>(ctx: CommandContext, id: CustomId, kind: K): Promise<Extract<Flow, { kind: K }>> => {
    const key = id.args[0];
    const row = key ? await ctx.services.interactions.read(key) : undefined;
    const flow = flowOf(flows, row?.kind, kind);
    if (!flow) throw new UserFacingError(buttonGone(table.name));
    return flow;
  };
}

/** Builds a command module (definition, routing, autocomplete, help) from its table. */
export function defineCommand(table: CommandTable): CommandModule {
  assertDeclaration('command', table.name, table.description);
  const flows = collectFlows(table.name, table);
  const flowFor = flowRouter(table, flows);

  return {
    name: table.name,
    definitions: tableDefinitions(table),
    flowIds: new Set(flows.keys()),

    async chatInput(ctx, interaction) {
      const { group, subcommand: sub, values } = interaction.options;
      const spec = subcommandOf(table, group, sub);
      if (!spec) throw new UserFacingError(unknownCommandPath([table.name, group, sub].filter(Boolean).join(' ')));
      const read: { target?: Awaited<ReturnType<typeof applyReadTarget>>; privateView?: boolean } = {};
      if (spec.visibility === 'target') read.target = await applyReadTarget(ctx, values as TargetArgs);
      if (spec.visibility === 'read') read.privateView = await applyReadVisibility(ctx, values as TargetArgs);
      const prepared = await prepareContext(ctx, spec.needs);
      const args = parseArgs(spec.options, values);
      await spec.run({ ...prepared, ...read } as HandlerContext, args);
    },

    async autocomplete(ctx, interaction) {
      const { group, subcommand: sub, focused } = interaction.options;
      const field = focused ? subcommandOf(table, group, sub)?.options[focused.name] : undefined;
      if (!focused || !field?.autocomplete) return [];
      return autocompleteFrom(field.autocomplete, ctx, focused.value);
    },

    async messageContext(ctx, interaction) {
      const menu = table.messageMenus?.[interaction.commandName];
      if (!menu) throw new UserFacingError(MENU_ENTRY_GONE_TEXT);
      await menu.run(ctx, interaction);
    },

    async button(ctx, _interaction, id) {
      if (id.action === CONFIRM_ACTION || id.action === CANCEL_ACTION) return (await flowFor(ctx, id, 'confirmation')).press(ctx, id);
      if (id.action === PAGE_ACTION) return (await flowFor(ctx, id, 'pager')).press(ctx, id);
      if (id.action === FORM_REOPEN_ACTION) return (await flowFor(ctx, id, 'form')).reopen(ctx, id);
      const handler = table.buttons?.[id.action];
      if (!handler) throw new UserFacingError(UNKNOWN_BUTTON_TEXT);
      return handler(ctx, id);
    },

    async modalSubmit(ctx, interaction, id) {
      if (id.action === FORM_SUBMIT_ACTION) return (await flowFor(ctx, id, 'form')).submit(ctx, interaction, id);
      const handler = table.modals?.[id.action];
      if (!handler) throw new UserFacingError(UNKNOWN_FORM_TEXT);
      return handler(ctx, interaction, id);
    },

    ...(table.directMessage ? { directMessage: table.directMessage } : {}),

    help: (context) => tableHelp(table, context),
  };
}
