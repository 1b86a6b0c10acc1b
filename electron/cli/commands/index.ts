import type { Command } from '../io';

/** Every `minka` subcommand, in the order `minka --help` lists them. */
export const commands: Command[] = [];
