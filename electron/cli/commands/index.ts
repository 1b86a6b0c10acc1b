import type { Command } from '../io';
import { checkCommand, demoCommand, exportCommand } from './workshop';
import { tallyCommand } from './tally';
import { keysCommand, sealCommand, verifyCommand } from './minutes';
import { exportPbCommand } from './export-pb';
import { followupCommand } from './followup';

/** Every `minka` subcommand, in the order `minka --help` lists them. */
export const commands: Command[] = [demoCommand, checkCommand, exportCommand, exportPbCommand, tallyCommand, sealCommand, verifyCommand, keysCommand, followupCommand];
