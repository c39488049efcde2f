package io.distillwatch.sharing.psi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The one owner of the PSI wire formats (docs/wire-formats.md, "PSI").
 *
 * <pre>
 * chunk (application/octet-stream), big-endian:
 *  0  4  magic "DWP1"
 *  4  1  step   (1 client-blinded, 2 client-double-blinded, 3 server-blinded, 4 server-double-blinded)
 *  5  1  mode   (1 intersect, 2 count)
 *  6  2  reserved, 0
 *  8 16  session id
 * 24  4  chunk index            (0 ≤ index &lt; total)
 * 28  4  chunks in this step    (total)
 * 32  4  element count n        (≤ the session's chunk size)
 * 36 32n elements, canonical ristretto255 encodings
 * </pre>
 *
 * Control messages are JSON objects: open {@code {"version":1,"mode":"count","client_size":N}},
 * accepted {@code {"version":1,"session":"<32 hex>","mode":...,"server_size":N,"chunk_size":N}},
 * finished {@code {"session":"<32 hex>","count":N}}.
 */
public final class PsiWire {

  public static final int VERSION = 1;
  static final int HEADER = 36;
  private static final int MAGIC = 0x44575031;
  private static final ObjectMapper JSON = new ObjectMapper();

  private PsiWire() {}

  public static byte[] encode(PsiChunk c) {
    byte[] elements = c.elements().rawBytes();
    ByteBuffer b = ByteBuffer.allocate(HEADER + elements.length);
    b.putInt(MAGIC).put(c.step().code()).put(c.mode().code()).putShort((short) 0).put(c.sessionId())
        .putInt(c.index()).putInt(c.total()).putInt(c.elements().size()).put(elements);
    return b.array();
  }

  /**
   * Parses a chunk of at most {@code maxElements} elements. Element validity is the receiving
   * party's check, not the codec's.
   */
  public static PsiChunk decodeChunk(byte[] bytes, int maxElements) {
    if (bytes.length < HEADER) {
      throw malformed("chunk shorter than its header");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes);
    if (b.getInt() != MAGIC) {
      throw malformed("not a PSI chunk (bad magic)");
    }
    PsiChunk.Step step = PsiChunk.Step.ofCode(b.get());
    PsiMode mode = PsiMode.ofCode(b.get());
    if (b.getShort() != 0) {
      throw malformed("reserved bytes must be 0");
    }
    byte[] session = new byte[PsiSessionId.BYTES];
    b.get(session);
    int index = b.getInt();
    int total = b.getInt();
    int count = b.getInt();
    if (count < 0 || count > maxElements || bytes.length != HEADER + (long) count * Elements.SIZE) {
      throw malformed("element count does not match the chunk length or exceeds " + maxElements);
    }
    byte[] elements = new byte[count * Elements.SIZE];
    b.get(elements);
    return new PsiChunk(session, step, mode, index, total, Elements.wrap(elements));
  }

  public static byte[] encode(PsiMessages.Open m) {
    ObjectNode n = JSON.createObjectNode().put("version", m.version()).put("mode", m.mode().wireName())
        .put("client_size", m.clientSize());
    return bytes(n);
  }

  public static byte[] encode(PsiMessages.Accepted m) {
    ObjectNode n = JSON.createObjectNode().put("version", m.version()).put("session", PsiSessionId.hex(m.sessionId()))
        .put("mode", m.mode().wireName()).put("server_size", m.serverSize()).put("chunk_size", m.chunkSize());
    return bytes(n);
  }

  public static byte[] encode(PsiMessages.Finished m) {
    return bytes(JSON.createObjectNode().put("session", PsiSessionId.hex(m.sessionId())).put("count", m.count()));
  }

  public static PsiMessages.Open decodeOpen(byte[] bytes) {
    JsonNode n = tree(bytes);
    return new PsiMessages.Open(integer(n, "version"), PsiMode.parse(text(n, "mode")), integer(n, "client_size"));
  }

  public static PsiMessages.Accepted decodeAccepted(byte[] bytes) {
    JsonNode n = tree(bytes);
    return new PsiMessages.Accepted(integer(n, "version"), PsiSessionId.parse(text(n, "session")),
        PsiMode.parse(text(n, "mode")), integer(n, "server_size"), integer(n, "chunk_size"));
  }

  public static PsiMessages.Finished decodeFinished(byte[] bytes) {
    JsonNode n = tree(bytes);
    return new PsiMessages.Finished(PsiSessionId.parse(text(n, "session")), integer(n, "count"));
  }

  private static byte[] bytes(ObjectNode n) {
    return n.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode tree(byte[] bytes) {
    if (bytes.length > 4096) {
      throw malformed("control message larger than 4 KiB");
    }
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw malformed("expected a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw malformed("not JSON");
    }
  }

  private static int integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.intValue() < 0) {
      throw malformed(field + " must be a non-negative integer");
    }
    return v.intValue();
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw malformed(field + " must be a string");
    }
    return v.textValue();
  }

  private static PsiException malformed(String message) {
    return new PsiException(PsiException.Reason.MALFORMED, message);
  }
}
