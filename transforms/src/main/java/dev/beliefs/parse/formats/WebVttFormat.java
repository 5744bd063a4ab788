package dev.beliefs.parse.formats;

import dev.beliefs.model.Utterance;
import dev.beliefs.parse.TranscriptFormat;
import dev.beliefs.parse.TranscriptParseException;
import dev.beliefs.parse.captions.CaptionText;
import dev.beliefs.parse.captions.Captions;
import dev.beliefs.parse.utterances.SpeakerTurns;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * WebVTT captions ({@code .vtt}, or any file whose first line is {@code WEBVTT}). Speakers come
 * from voice spans, {@code <v Name>} or {@code <v.class Name>}, closed or not; a cue without one
 * continues the previous speaker. Cue settings, NOTE, STYLE and REGION blocks, YouTube's {@code
 * Kind:}/{@code Language:} header and word timings are not speech; YouTube's rolling auto-captions
 * are read once. See {@link Captions} and {@link SpeakerTurns} for how cues become utterances.
 */
public final class WebVttFormat implements TranscriptFormat {

  private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]*)?(?:[ \\t]+([^>\\n]*))?>");

  @Override
  public String name() {
    return "webvtt";
  }

  @Override
  public String expects() {
    return "a first line WEBVTT, then cues: a timing line '00:00:01.000 --> 00:00:04.000' and the"
        + " words, speakers in voice spans '<v Name>'";
  }

  @Override
  public int resemblance(String fileName, String text) {
    return text.contains("-->") && text.contains(".") ? 1 : 0;
  }

  @Override
  public boolean claims(String fileName, String text) {
    return fileName.toLowerCase(Locale.ROOT).endsWith(".vtt") || hasHeader(text);
  }

  @Override
  public List<Utterance> parse(String text) throws TranscriptParseException {
    return Captions.utterances(text, WebVttFormat::voiceSpans);
  }

  private static boolean hasHeader(String text) {
    return text.startsWith("WEBVTT")
        && (text.length() == 6 || " \t\n".indexOf(text.charAt(6)) >= 0);
  }

  private static List<Captions.Run> voiceSpans(List<String> cueLines) {
    String text = String.join("\n", cueLines);
    List<Captions.Run> runs = new ArrayList<>();
    Matcher voice = VOICE.matcher(text);
    String speaker = null;
    int from = 0;
    while (voice.find()) {
      runs.add(new Captions.Run(speaker, text.substring(from, voice.start())));
      speaker = voice.group(1) == null ? null : CaptionText.clean(voice.group(1));
      from = voice.end();
    }
    runs.add(new Captions.Run(speaker, text.substring(from)));
    return runs;
  }
}
