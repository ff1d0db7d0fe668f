package io.herald.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code herald campaign …}: create, start, follow and steer campaigns. */
@Command(
    name = "campaign",
    description = "Create, start and follow campaigns.",
    subcommands = {
      CampaignCommand.Create.class,
      CampaignCommand.Start.class,
      CampaignCommand.Status.class,
      CampaignCommand.Pause.class,
      CampaignCommand.Resume.class,
      CampaignCommand.Cancel.class,
      CampaignCommand.Preview.class,
      CampaignCommand.TestSend.class,
      CampaignList.class
    })
final class CampaignCommand {
  @ParentCommand HeraldCli cli;

  /** {@code herald campaign create …}: prints the new campaign's id alone on its last line. */
  @Command(name = "create", description = "Create a draft campaign; prints its id last.")
  static final class Create implements Callable<Integer> {
    @ParentCommand CampaignCommand parent;

    @Option(
        names = "--channel",
        paramLabel = "CHANNEL",
        defaultValue = "email",
        description = "email (default), sms or viber")
    String channel;

    @Option(names = "--list", required = true, paramLabel = "NAME")
    String list;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "ADDR",
        description =
            "sender address; for sms the sender ID (1-11 letters/digits, or +E.164); for viber"
                + " the Viber sender name")
    String from;

    @Option(names = "--from-name", paramLabel = "NAME", defaultValue = "")
    String fromName;

    @Option(names = "--reply-to", paramLabel = "ADDR")
    String replyTo;

    @Option(names = "--subject", paramLabel = "TEXT", description = "email only; required")
    String subject;

    @Option(names = "--html", paramLabel = "FILE", description = "email only; required")
    Path html;

    @Option(
        names = "--text",
        paramLabel = "FILE",
        description = "email: derived from the HTML if absent; sms, viber: the message (required)")
    Path text;

    @Option(
        names = "--no-track-clicks",
        description =
            "sms, viber: leave links in the text (and the button's) as written (they are tracked"
                + " by default)")
    boolean noTrackClicks;

    @Mixin ViberCampaignOptions viber;

    @Override
    public Integer call() throws Exception {
      HeraldCli cli = parent.cli;
      String wire = channel.strip().toLowerCase(java.util.Locale.ROOT);
      boolean sms = !"email".equals(wire); // an SMS or Viber campaign: a text to phones
      Optional<String> problem = problem(wire, sms);
      if (problem.isPresent()) {
        cli.err().println("herald: " + problem.get());
        return HeraldCli.EXIT_BAD_INPUT;
      }
      if (Failures.refusedListName(cli, list)) {
        return HeraldCli.EXIT_BAD_INPUT;
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("channel", wire);
      body.put("list", list);
      body.put("fromName", fromName);
      body.put("fromAddress", from);
      body.put("replyTo", replyTo);
      body.put("subject", subject);
      body.put("html", html == null ? null : Files.readString(html, StandardCharsets.UTF_8));
      body.put("text", text == null ? null : Files.readString(text, StandardCharsets.UTF_8));
      if (sms) {
        body.put("trackClicks", !noTrackClicks);
      }
      if ("viber".equals(wire)) {
        body.put("viber", viber.json());
      }
      try {
        JsonNode created = cli.accountClient().post("api/campaigns", body);
        cli.out().println("draft campaign created for list \"" + list + "\":");
        cli.out().println(created.get("id").asText());
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }

    /** Why the options cannot make a campaign on {@code wire}, before anything is sent. */
    private Optional<String> problem(String wire, boolean sms) {
      if (!java.util.List.of("email", "sms", "viber").contains(wire)) {
        return Optional.of("--channel is email, sms or viber, not " + channel);
      }
      String missing =
          sms
              ? (text == null ? "--text FILE (the message)" : null)
              : (subject == null ? "--subject" : html == null ? "--html FILE" : null);
      if (missing != null) {
        return Optional.of("a " + wire + " campaign needs " + missing);
      }
      if (sms && (subject != null || html != null || replyTo != null)) {
        return Optional.of(
            ("sms".equals(wire) ? "an " : "a ")
                + wire
                + " campaign has no --subject, --html or --reply-to");
      }
      if (!"viber".equals(wire) && viber.given()) {
        return Optional.of(
            "--image, --button-caption, --button-url, --ttl and --fallback-* are for a viber"
                + " campaign");
      }
      for (Path file : java.util.stream.Stream.of(html, text).filter(f -> f != null).toList()) {
        if (!Files.isReadable(file)) {
          return Optional.of("cannot read " + file);
        }
      }
      return "viber".equals(wire) ? viber.problem() : Optional.empty();
    }
  }

  /** Shared shape of the commands that act on one campaign by id. */
  abstract static class OnCampaign implements Callable<Integer> {
    @ParentCommand CampaignCommand parent;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--json", description = "print the campaign as JSON")
    boolean json;

    abstract JsonNode run(HeraldClient client) throws HeraldClient.ApiProblem;

    @Override
    public Integer call() throws Exception {
      HeraldCli cli = parent.cli;
      try {
        JsonNode campaign = run(cli.accountClient());
        if (json) {
          cli.out().println(cli.json().writeValueAsString(campaign));
        } else if ("viber".equals(campaign.path("channel").asText())) {
          cli.out().println(ViberStatus.of(campaign));
        } else if ("sms".equals(campaign.path("channel").asText())) {
          cli.out()
              .printf(
                  "SMS campaign %s: %s, %d recipients; %d sent (%d parts), %d delivered,"
                      + " %d undeliverable, %d expired, %d rejected, %d unknown, %d deferred,"
                      + " %d suppressed, %d unsubscribed%n",
                  campaign.get("id").asText(),
                  campaign.get("state").asText(),
                  campaign.get("recipients").asLong(),
                  total(campaign, "sent"),
                  total(campaign, "parts"),
                  total(campaign, "delivered"),
                  total(campaign, "undeliverable"),
                  total(campaign, "expired"),
                  total(campaign, "rejected"),
                  total(campaign, "unknown"),
                  total(campaign, "deferred"),
                  total(campaign, "suppressed"),
                  total(campaign, "unsubscribed"));
        } else {
          cli.out()
              .printf(
                  "campaign %s: %s, %d recipients; %d delivered, %d deferred, %d bounced, %d"
                      + " suppressed%n",
                  campaign.get("id").asText(),
                  campaign.get("state").asText(),
                  campaign.get("recipients").asLong(),
                  total(campaign, "delivered"),
                  total(campaign, "deferred"),
                  total(campaign, "bounced_hard")
                      + total(campaign, "bounced_soft")
                      + total(campaign, "bounced_policy"),
                  total(campaign, "suppressed"));
        }
        if (!json) {
          JsonNode canary = campaign.path("canary");
          if (!canary.isMissingNode()) {
            cli.out()
                .printf(
                    "canary of %d: %s%n%s%n",
                    canary.path("size").asLong(),
                    canary.path("decision").asText(),
                    canary.path("report").asText());
            if (canary.has("rejection")) {
              cli.out().println("rejected: " + canary.path("rejection").asText());
            }
          }
        }
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }

    /** A counter summed over the phases (all, or canary and rest). */
    static long total(JsonNode campaign, String counter) {
      long sum = 0;
      for (JsonNode phase : campaign.path("stats")) {
        sum += phase.path(counter).asLong();
      }
      return sum;
    }

    String path(String action) {
      return "api/campaigns/" + HeraldClient.encode(id) + (action.isEmpty() ? "" : "/" + action);
    }
  }

  /** {@code herald campaign start ID}. */
  @Command(name = "start", description = "Start a draft campaign.")
  static final class Start extends OnCampaign {
    @Override
    JsonNode run(HeraldClient client) throws HeraldClient.ApiProblem {
      return client.post(path("start"), Map.of());
    }
  }

  /** {@code herald campaign status ID [--json]}. */
  @Command(name = "status", description = "Show a campaign's state and counts.")
  static final class Status extends OnCampaign {
    @Override
    JsonNode run(HeraldClient client) throws HeraldClient.ApiProblem {
      return client.get(path(""));
    }
  }

  /** {@code herald campaign pause ID}. */
  @Command(name = "pause", description = "Pause a sending campaign.")
  static final class Pause extends OnCampaign {
    @Override
    JsonNode run(HeraldClient client) throws HeraldClient.ApiProblem {
      return client.post(path("pause"), Map.of());
    }
  }

  /** {@code herald campaign resume ID}. */
  @Command(name = "resume", description = "Resume a paused campaign.")
  static final class Resume extends OnCampaign {
    @Override
    JsonNode run(HeraldClient client) throws HeraldClient.ApiProblem {
      return client.post(path("resume"), Map.of());
    }
  }

  /** {@code herald campaign cancel ID}. */
  @Command(name = "cancel", description = "Cancel a campaign; what is unsent is never sent.")
  static final class Cancel extends OnCampaign {
    @Override
    JsonNode run(HeraldClient client) throws HeraldClient.ApiProblem {
      return client.post(path("cancel"), Map.of());
    }
  }

  /**
   * {@code herald campaign preview ID --email ADDR | --phone +380…}: the raw message that contact
   * would get, or for an SMS campaign its text with the encoding and the parts.
   */
  @Command(name = "preview", description = "Print the message one contact would get.")
  static final class Preview implements Callable<Integer> {
    @ParentCommand CampaignCommand parent;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--email", paramLabel = "ADDR", description = "an email campaign's contact")
    String email;

    @Option(
        names = "--phone",
        paramLabel = "PHONE",
        description = "an SMS or Viber campaign's contact")
    String phone;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      if ((email == null) == (phone == null)) {
        cli.err()
            .println("herald: give --email (email campaign) or --phone (SMS or Viber campaign)");
        return HeraldCli.EXIT_BAD_INPUT;
      }
      try {
        JsonNode preview =
            cli.accountClient()
                .post(
                    "api/campaigns/" + HeraldClient.encode(id) + "/preview",
                    email != null ? Map.of("email", email) : Map.of("phone", phone));
        if (preview.has("viber")) {
          ViberPreviewText.print(cli.out(), preview);
          return HeraldCli.EXIT_OK;
        }
        if (preview.has("encoding")) {
          printSms(cli.out(), preview);
          return HeraldCli.EXIT_OK;
        }
        cli.out().println("MAIL FROM:<" + preview.get("mailFrom").asText() + ">");
        cli.out().println("RCPT TO:<" + preview.get("rcptTo").asText() + ">");
        cli.out().print(preview.get("rfc822").asText());
        return HeraldCli.EXIT_OK;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }

  /** An SMS preview: sender, number, encoding and parts, then the text as it would be sent. */
  static void printSms(java.io.PrintWriter out, JsonNode preview) {
    out.println("From: " + preview.get("from").asText());
    out.println("To: " + preview.get("to").asText());
    out.printf(
        "%s, %d characters, %d of %d units in %d part(s)%n",
        preview.get("encoding").asText(),
        preview.get("characters").asInt(),
        preview.get("units").asInt(),
        preview.get("parts").asInt() * preview.get("unitsPerPart").asInt(),
        preview.get("parts").asInt());
    out.println();
    out.println(preview.get("text").asText());
  }

  /** {@code herald campaign test ID --to ADDR [--to ADDR…]}: send the campaign to a few people. */
  @Command(name = "test", description = "Send the campaign to given addresses (max 10).")
  static final class TestSend implements Callable<Integer> {
    @ParentCommand CampaignCommand parent;

    @Parameters(paramLabel = "ID")
    String id;

    @Option(names = "--to", required = true, paramLabel = "ADDR")
    java.util.List<String> to;

    @Override
    public Integer call() {
      HeraldCli cli = parent.cli;
      try {
        JsonNode results =
            cli.accountClient()
                .post("api/campaigns/" + HeraldClient.encode(id) + "/test", Map.of("to", to))
                .get("results");
        boolean allDelivered = true;
        for (JsonNode r : results) {
          cli.out()
              .printf(
                  "%s: %s (%s)%n",
                  r.get("address").asText(), r.get("outcome").asText(), r.get("detail").asText());
          allDelivered &= "delivered".equals(r.get("outcome").asText());
        }
        return allDelivered ? HeraldCli.EXIT_OK : HeraldCli.EXIT_FAILURE;
      } catch (HeraldClient.ApiProblem e) {
        return Failures.report(cli, e);
      }
    }
  }
}
