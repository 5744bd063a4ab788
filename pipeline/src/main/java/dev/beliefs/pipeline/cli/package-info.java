/**
 * The command line's words: each command's help, option errors that name the option and the form it
 * takes, and the checks made before Beam reads the options. It knows the options' interfaces, not
 * what the commands do with them.
 */
package dev.beliefs.pipeline.cli;
