#!/usr/bin/env node
import { runProgram } from './program.js';

await runProgram({ stdout: process.stdout, stderr: process.stderr }, process.argv);
