package dev.beliefs.pipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beliefs.model.Evidence;
import dev.beliefs.model.MergedBelief;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/** beliefs.csv read back by another RFC 4180 parser (Apache Commons CSV). */
class BeliefsCsvTest {

  private static final MergedBelief AWKWARD =
      new MergedBelief(
          "shows/ep1",
          "b1",
          "O'Brien, Jr.",
          "He said \"never\", then\nchanged his mind.",
          "unsure",
          0.35,
          "space, time",
          List.of(1, 5, 15),
          List.of(
              new Evidence("\"Never,\" he said", 12, 61.5, 64.0),
              new Evidence("well, maybe", 14, null, null)));
  private static final MergedBelief PLAIN =
      new MergedBelief(
          "ep2",
          "b2",
          "Ana",
          "Tea is better than coffee.",
          "affirms",
          0.9,
          "food",
          List.of(1),
          List.of(new Evidence("tea is better", 3, null, null)));

  @Test
  void everyBeliefIsOneRowWithItsFirstEvidence_andQuotesCommasAndLineBreaksSurvive()
      throws Exception {
    Map<String, List<MergedBelief>> beliefs =
        new TreeMap<>(Map.of("shows/ep1", List.of(AWKWARD), "ep2", List.of(PLAIN)));

    String csv = BeliefsCsv.csv(beliefs);

    assertTrue(csv.contains("\r\n"), "RFC 4180 ends records with CRLF");
    List<CSVRecord> rows =
        CSVFormat.RFC4180
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .build()
            .parse(new StringReader(csv))
            .getRecords();
    assertEquals(2, rows.size());
    CSVRecord plain = rows.get(0);
    assertEquals("ep2", plain.get("transcript_id"));
    assertEquals("", plain.get("start_seconds"), "an unknown time is an empty field");
    CSVRecord awkward = rows.get(1);
    assertEquals("shows/ep1", awkward.get("transcript_id"));
    assertEquals("b1", awkward.get("belief_id"));
    assertEquals("O'Brien, Jr.", awkward.get("speaker"));
    assertEquals("He said \"never\", then\nchanged his mind.", awkward.get("statement"));
    assertEquals("unsure", awkward.get("stance"));
    assertEquals(0.35, Double.parseDouble(awkward.get("confidence")));
    assertEquals("space, time", awkward.get("topic"));
    assertEquals("1;5;15", awkward.get("levels"));
    assertEquals("\"Never,\" he said", awkward.get("quote"));
    assertEquals("12", awkward.get("utterance_index"));
    assertEquals(61.5, Double.parseDouble(awkward.get("start_seconds")));
    assertEquals(64.0, Double.parseDouble(awkward.get("end_seconds")));
    assertEquals("2", awkward.get("evidence_count"));
    assertEquals(
        List.of(
            "transcript_id",
            "belief_id",
            "speaker",
            "statement",
            "stance",
            "confidence",
            "topic",
            "levels",
            "quote",
            "utterance_index",
            "start_seconds",
            "end_seconds",
            "evidence_count"),
        rows.get(0).getParser().getHeaderNames());
  }

  @Test
  void noBeliefs_isAHeaderAlone() throws Exception {
    assertEquals(
        "transcript_id,belief_id,speaker,statement,stance,confidence,topic,levels,quote,"
            + "utterance_index,start_seconds,end_seconds,evidence_count\r\n",
        BeliefsCsv.csv(Map.of()));
  }
}
