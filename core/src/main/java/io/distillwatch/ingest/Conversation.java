package io.distillwatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.distillwatch.event.UsageEvent;

/**
 * Reduces a conversation to what detection keeps (UsageEvent): the last user message's text, the
 * system prompt, and counts of turns and content blocks. Understands Chat Completions, Messages,
 * Responses-API input items and OpenTelemetry GenAI {@code parts}.
 */
final class Conversation {
  private static final int CAP = UsageEvent.MAX_TEXT_CHARS;

  private final FieldErrors errors;
  int userTurns;
  int assistantTurns;
  int toolUse;
  int toolResult;
  int images;
  private JsonNode lastUser;
  /** Rolling hash of the messages read so far, and its value before the last assistant message. */
  private long turnKey = TURN_SEED;
  private long beforeLastAssistant;
  private boolean lastWasCall;
  private static final long TURN_SEED = 0x7475726eL;
  private String promptText;
  private StringBuilder system;

  Conversation(FieldErrors errors) {
    this.errors = errors;
  }

  boolean hasUser() {
    return userTurns > 0;
  }

  /** A top-level system prompt: a string, or a list of text blocks. */
  void readSystem(JsonNode v, String field) {
    if (Values.absent(v)) {
      return;
    }
    if (v.isTextual()) {
      appendSystem(v.textValue());
    } else if (v.isArray()) {
      StringBuilder sb = new StringBuilder();
      appendText(v, sb, false);
      appendSystem(sb.toString());
    } else {
      errors.add(field);
    }
  }

  /** Uses a {@code prompt} string as one user message. */
  void usePrompt(String text) {
    userTurns = 1;
    promptText = text;
    turnKey = turn(TURN_SEED, 'u', text.hashCode());
  }

  /** Folds one message (role letter and content) into the conversation key. */
  private static long turn(long key, char role, int contentHash) {
    return io.distillwatch.template.Hash64.mix(key * 31 + role) ^ (contentHash & 0xffffffffL);
  }

  /** Reads a message list; returns false (and counts a field error) when it is not an array. */
  boolean readMessages(JsonNode messages, String field) {
    if (!messages.isArray()) {
      errors.add(field);
      return false;
    }
    for (JsonNode m : messages) {
      if (!m.isObject()) {
        errors.add(field);
        continue;
      }
      JsonNode roleNode = m.get("role");
      if (roleNode == null || !roleNode.isTextual()) {
        readItemWithoutRole(m, field);
        continue;
      }
      String role = roleNode.textValue();
      lastWasCall = false;
      JsonNode content = m.get("content");
      if (content == null) {
        content = m.get("parts"); // OpenTelemetry GenAI message shape
      }
      // content hashes are Jackson's (value-based, so a resent message hashes as it did when first sent)
      int contentHash = content == null ? 0 : content.hashCode();
      switch (role) {
        case "user":
        case "human":
          turnKey = turn(turnKey, 'u', contentHash);
          userTurns++;
          lastUser = content == null ? m : content;
          countBlocks(content, field);
          break;
        case "assistant":
        case "model":
          beforeLastAssistant = turnKey;
          turnKey = turn(turnKey, 'a', contentHash);
          assistantTurns++;
          countBlocks(content, field);
          JsonNode calls = m.get("tool_calls");
          if (calls != null && calls.isArray()) {
            toolUse += calls.size();
          }
          if (m.hasNonNull("function_call")) {
            toolUse++;
          }
          break;
        case "system":
        case "developer":
          turnKey = turn(turnKey, 's', contentHash);
          StringBuilder sb = new StringBuilder();
          if (content != null && content.isTextual()) {
            sb.append(content.textValue());
          } else if (content != null && content.isArray()) {
            appendText(content, sb, false);
          } else if (!Values.absent(content)) {
            errors.add(field + ".content");
          }
          appendSystem(sb.toString());
          break;
        case "tool":
        case "function":
        case "ipython":
          turnKey = turn(turnKey, 't', contentHash);
          toolResult++;
          break;
        default:
          errors.add(field + ".role");
      }
    }
    return true;
  }

  private void readItemWithoutRole(JsonNode m, String field) {
    // Responses API items: {"type":"function_call",...}, {"type":"function_call_output",...}
    JsonNode type = m.get("type");
    String t = type != null && type.isTextual() ? type.textValue() : "";
    boolean call = t.endsWith("_call") || t.endsWith("tool_use");
    if (call && !lastWasCall) {
      beforeLastAssistant = turnKey; // the model's calls answer the items before them
    }
    lastWasCall = call;
    turnKey = turn(turnKey, 'i', m.hashCode());
    if (t.endsWith("_output") || t.endsWith("tool_result")) {
      toolResult++;
    } else if (t.endsWith("_call") || t.endsWith("tool_use")) {
      toolUse++;
    } else {
      errors.add(field + ".role");
    }
  }

  private void countBlocks(JsonNode content, String field) {
    if (content == null || content.isNull() || content.isTextual()) {
      return;
    }
    if (!content.isArray()) {
      errors.add(field + ".content");
      return;
    }
    for (JsonNode b : content) {
      if (!b.isObject()) {
        continue;
      }
      JsonNode type = b.get("type");
      if (type == null || !type.isTextual()) {
        continue;
      }
      String t = type.textValue();
      if (t.equals("tool_use") || t.equals("server_tool_use") || t.equals("mcp_tool_use") || t.equals("tool_call")) {
        toolUse++;
      } else if (t.endsWith("tool_result") || t.equals("tool_call_response")) {
        toolResult++;
      } else if (t.equals("image") || t.equals("image_url") || t.equals("input_image")) {
        images++;
      } else if ((t.equals("blob") || t.equals("uri") || t.equals("file")) && isImage(b)) {
        images++;
      }
    }
  }

  private static boolean isImage(JsonNode part) {
    JsonNode modality = part.get("modality");
    if (modality != null && "image".equals(modality.asText())) {
      return true;
    }
    JsonNode mime = part.get("mime_type");
    return mime != null && mime.asText().startsWith("image/");
  }

  /** Appends the text of text blocks ({@code text}, {@code input_text}, or OTel {@code content}). */
  private static void appendText(JsonNode blocks, StringBuilder sb, boolean unused) {
    for (JsonNode b : blocks) {
      if (sb.length() >= CAP) {
        return;
      }
      String text = null;
      if (b.isTextual()) {
        text = b.textValue();
      } else if (b.isObject()) {
        JsonNode type = b.get("type");
        String t = type == null ? "text" : type.asText();
        if (t.equals("text") || t.equals("input_text") || t.equals("output_text")) {
          JsonNode tx = b.get("text");
          if (tx == null) {
            tx = b.get("content");
          }
          if (tx != null && tx.isTextual()) {
            text = tx.textValue();
          }
        }
      }
      if (text != null) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(text, 0, Math.min(text.length(), CAP - sb.length() + 1));
      }
    }
  }

  private void appendSystem(String text) {
    if (text == null || text.isEmpty()) {
      return;
    }
    if (system == null) {
      system = new StringBuilder(Math.min(text.length(), CAP));
    } else if (system.length() >= CAP) {
      return;
    } else {
      system.append('\n');
    }
    system.append(text, 0, Math.min(text.length(), CAP + 1 - system.length()));
  }

  private static long nonZero(long k) {
    return k == 0 ? 1 : k;
  }

  /** Writes text and counts into the event. */
  void applyTo(UsageEvent e) {
    e.userTurns = userTurns;
    e.assistantTurns = assistantTurns;
    e.toolUseBlocks = toolUse;
    e.toolResultBlocks = toolResult;
    e.imageBlocks = images;
    e.turnKey = userTurns > 0 ? nonZero(turnKey) : 0;
    e.priorTurnKey = beforeLastAssistant == 0 ? 0 : nonZero(beforeLastAssistant);
    String text;
    if (promptText != null) {
      text = promptText;
    } else if (lastUser != null && lastUser.isTextual()) {
      text = lastUser.textValue();
    } else if (lastUser != null && lastUser.isArray()) {
      StringBuilder sb = new StringBuilder();
      appendText(lastUser, sb, false);
      text = sb.toString();
    } else {
      text = "";
    }
    e.userText = Redactor.cap(text, CAP);
    e.system = system == null ? null : Redactor.cap(system.toString(), CAP);
  }
}
