/**
 * WebVTT and SRT captions, shared by the caption formats: cues and their timings ({@link
 * dev.beliefs.parse.captions.CaptionCues}), cue text without markup and sounds, rolling captions
 * read once, and cues to utterances ({@link dev.beliefs.parse.captions.Captions}) once a format has
 * said how its cues mark speakers.
 */
package dev.beliefs.parse.captions;
