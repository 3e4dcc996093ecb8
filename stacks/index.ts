/** Pulumi entry point (Pulumi.yaml `main`): the stack outputs are the program's result. */
import { runProgram } from './program';

export = runProgram();
