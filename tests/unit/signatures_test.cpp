// Signed sign-offs: `signing_keys` and `signatures` in handoff.yaml, HF418 and the tally of
// SSH-verified entries, on in-memory workspaces with a hand-filled history.
#include <doctest/doctest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "harness.hpp"
#include "signoff/canonical.hpp"
#include "sshsig/sshsig.hpp"

namespace signoff = handoff::signoff;
using handoff::test::lines;
using handoff::test::only;
using handoff::test::Workspace;
using Kind = signoff::CommitSignature::Kind;

namespace {

const std::string k_li_key =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFrwGxRtvSVqH+VFSR4c3pSDbnVWS+2hdMMScXZGdq/c li.wei@laptop";
const std::string k_zhang_key =
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOzocRTLOUEk+WovfXMWgZHSHEm8+pgp7YwWANDsJFkp zhang.min@laptop";
const std::string k_li_fp = "SHA256:63DHmbzrbQj/X4o2ZtSbbc1FEVxr/ObSX85p4b883cw";
const std::string k_zhang_fp = "SHA256:OSifPIVCD+UCu5kQhImFoPjy6ovOaJvlWPCoVX9kjjI";

std::string blob_of(const std::string& line)
{
  const auto key = handoff::sshsig::parse_public_key(line);
  REQUIRE(handoff::sshsig::error_of(key) == nullptr);
  return std::get<handoff::sshsig::PublicKey>(key).blob;
}

// handoff.yaml with li.wei's key registered, zhang.min's not, and `extra` appended.
std::string config(const std::string& extra = "")
{
  return "version: 1\n"
         "people:\n"
         "  - id: li.wei\n"
         "    email: li.wei@example.com\n"
         "    roles: [sales]\n"
         "    signing_keys:\n"
         "      - "
         + k_li_key
         + "\n"
           "  - id: zhang.min\n"
           "    email: zhang.min@example.com\n"
           "    roles: [implementation]\n"
         + extra;
}

// A project at handoff signed by li.wei (entry at line 2) and zhang.min (line 13).
Workspace signed_workspace(const std::string& handoff_yaml)
{
  Workspace ws;
  ws.file("handoff.yaml", handoff_yaml);
  ws.file("projects/acme/project.yaml",
          "id: acme\nname: ACME\nstage: handoff\nteam:\n  sales: li.wei\n  implementation: zhang.min\n");
  ws.file("projects/acme/requirements.yaml", "requirements:\n  - id: REQ-001\n    title: Orders\n");
  ws.file("projects/acme/plan.yaml", "milestones:\n  - id: M1\n    name: Live\n    due: 2027-01-15\n");
  ws.sign("acme", "sales", "li.wei", "2026-10-05").sign("acme", "implementation", "zhang.min", "2026-10-06");
  return ws;
}

std::vector<std::string> entries_of(const Workspace& ws)
{
  const auto read = ws.fs().read("projects/acme/signoffs.yaml", 1u << 20);
  REQUIRE(read.ok);
  const auto parsed = handoff::yaml::parse(read.data);
  std::vector<std::string> out;
  for (const auto& entry : parsed.root.find("signoffs")->children) {
    out.push_back(signoff::digest(entry));
  }
  return out;
}

class FakeHistory final : public signoff::History {
public:
  State state_value = State::available;
  std::string problem_text;
  std::map<std::string, signoff::Author> authors;  // entry digest -> author

  std::string problem() const override { return problem_text; }
  std::optional<signoff::Author> added_by(const std::string&, const std::string& entry) const override
  {
    const auto found = authors.find(entry);
    return found == authors.end() ? std::nullopt : std::optional<signoff::Author>(found->second);
  }

private:
  State do_state() const override { return state_value; }
};

signoff::Author author(const std::string& commit, const std::string& email, signoff::CommitSignature signature)
{
  signoff::Author a;
  a.commit = commit;
  a.name = email;
  a.email = email;
  a.signature = std::move(signature);
  return a;
}

signoff::CommitSignature ssh(const std::string& key_line, const std::string& fingerprint,
                             const std::string& problem = "")
{
  signoff::CommitSignature s;
  s.kind = Kind::ssh;
  s.key_blob = blob_of(key_line);
  s.fingerprint = fingerprint;
  s.problem = problem;
  return s;
}

signoff::CommitSignature of_kind(Kind kind)
{
  signoff::CommitSignature s;
  s.kind = kind;
  return s;
}

const std::string k_fix_li = "; with signatures: required a sign-off counts only in a commit signed with one of "
                             "li.wei's signing_keys, so li.wei signs again and commits it signed\n";
const std::string k_fix_zhang = "; with signatures: required a sign-off counts only in a commit signed with one of "
                                "zhang.min's signing_keys, so zhang.min signs again and commits it signed\n";

}  // namespace

TEST_CASE("signing_keys are read from handoff.yaml; a bad or shared key is HF002 at its line")
{
  Workspace ws;
  ws.file("handoff.yaml", config("    signing_keys: [\"" + k_zhang_key + "\"]\n"));
  auto loaded = handoff::model::load_config(ws.fs());
  CHECK(lines(loaded.findings) == "");
  REQUIRE(loaded.config.people.size() == 2);
  REQUIRE(loaded.config.people[0].signing_keys.size() == 1);
  CHECK(loaded.config.people[0].signing_keys[0].fingerprint == k_li_fp);
  CHECK(loaded.config.people[0].signing_keys[0].pos.line == 7);
  CHECK(loaded.config.key_owner(blob_of(k_zhang_key)) == &loaded.config.people[1]);
  CHECK(loaded.config.signatures == "auto");

  ws.file("handoff.yaml", config("    signing_keys:\n      - ssh-dss AAAAB3NzaC1kc3M= old\n      - " + k_li_key
                                 + "\nsignatures: always\n"));
  loaded = handoff::model::load_config(ws.fs());
  CHECK(lines(loaded.findings)
        == "handoff.yaml:12:9: error[HF002]: signing_keys: not a usable signing key: unsupported key type \"ssh-dss\" "
           "(handoff verifies ssh-ed25519, ecdsa-sha2-nistp256 and ssh-rsa keys)\n"
           "handoff.yaml:14:13: error[HF002]: signatures: expected one of auto or required, found \"always\"\n"
           "handoff.yaml:13:9: error[HF002]: signing_keys: key "
               + k_li_fp
               + " is already registered for li.wei (line 7); a key identifies one person, so register it for one of "
                 "them\n");
  CHECK(loaded.config.people[1].signing_keys.empty());
}

TEST_CASE("HF418 is silent without signatures: required")
{
  const Workspace ws = signed_workspace(config());
  FakeHistory history;
  handoff::rules::CheckOptions options;
  options.history = &history;
  const auto outcome = ws.check("acme", "2026-11-20", options);
  CHECK(only(outcome.findings, "HF418") == "");
  // Nothing committed: two counting entries, none verified.
  REQUIRE(outcome.signatures.has_value());
  CHECK(outcome.signatures->counting == 2);
  CHECK(outcome.signatures->verified == 0);
}

TEST_CASE("HF418 fires on each way a sign-off commit fails to prove its signer, and passes a registered key")
{
  const Workspace ws = signed_workspace(config("signatures: required\n"));
  const auto entries = entries_of(ws);
  FakeHistory history;
  handoff::rules::CheckOptions options;
  options.history = &history;
  const auto hf418_for = [&](signoff::CommitSignature li, signoff::CommitSignature zhang) {
    history.authors[entries[0]] = author("1111111", "li.wei@example.com", std::move(li));
    history.authors[entries[1]] = author("2222222", "zhang.min@example.com", std::move(zhang));
    return only(ws.check("acme", "2026-11-20", options).findings, "HF418");
  };
  const std::string li = "projects/acme/signoffs.yaml:2:5: error[HF418]: sign-off by li.wei (sales) on 2026-10-05 "
                         "was added in commit 1111111";
  const std::string zhang = "projects/acme/signoffs.yaml:15:5: error[HF418]: sign-off by zhang.min (implementation) "
                            "on 2026-10-06 was added in commit 2222222";

  CHECK(hf418_for(of_kind(Kind::none), of_kind(Kind::gpg))
        == li + ", which is not signed" + k_fix_li + zhang
               + ", whose GPG signature is not verifiable: use an SSH signing key" + k_fix_zhang);
  CHECK(hf418_for(of_kind(Kind::x509), of_kind(Kind::unknown))
        == li + ", whose X.509 signature is not verifiable: use an SSH signing key" + k_fix_li + zhang
               + ", whose signature (of an unknown format) is not verifiable: use an SSH signing key" + k_fix_zhang);
  // A signature that does not verify, and a valid one by li.wei's registered key.
  CHECK(
      hf418_for(ssh(k_li_key, k_li_fp), ssh(k_zhang_key, k_zhang_fp, "the signature does not match the signed content"))
      == zhang + ", whose SSH signature does not verify: the signature does not match the signed content"
             + k_fix_zhang);
  // zhang.min has no key; li.wei's key on zhang.min's entry is someone else's.
  CHECK(hf418_for(ssh(k_li_key, k_li_fp), ssh(k_zhang_key, k_zhang_fp))
        == zhang + ", signed with key " + k_zhang_fp + ", while handoff.yaml registers no signing_keys for zhang.min"
               + k_fix_zhang);
  CHECK(hf418_for(ssh(k_zhang_key, k_zhang_fp), ssh(k_li_key, k_li_fp))
        == li + ", signed with key " + k_zhang_fp + ", which handoff.yaml registers for nobody" + k_fix_li + zhang
               + ", signed with key " + k_li_fp + " of li.wei, not with a key of zhang.min" + k_fix_zhang);

  // Both keys registered, each entry signed by its signer: no finding, both verified.
  const Workspace both =
      signed_workspace(config("    signing_keys: [\"" + k_zhang_key + "\"]\nsignatures: required\n"));
  history.authors[entries[0]] = author("1111111", "li.wei@example.com", ssh(k_li_key, k_li_fp));
  history.authors[entries[1]] = author("2222222", "zhang.min@example.com", ssh(k_zhang_key, k_zhang_fp));
  const auto outcome = both.check("acme", "2026-11-20", options);
  CHECK(only(outcome.findings, "HF418") == "");
  REQUIRE(outcome.signatures.has_value());
  CHECK(outcome.signatures->counting == 2);
  CHECK(outcome.signatures->verified == 2);
  // An entry not committed yet is HF414's (a warning), not HF418's.
  history.authors.erase(entries[1]);
  CHECK(only(both.check("acme", "2026-11-20", options).findings, "HF418") == "");
  CHECK(both.check("acme", "2026-11-20", options).signatures->verified == 1);
}

TEST_CASE("HF418 reports once per project what it cannot verify")
{
  FakeHistory history;
  history.state_value = signoff::History::State::incomplete;
  history.problem_text = "the repository is a shallow clone";
  handoff::rules::CheckOptions options;
  options.history = &history;
  const Workspace ws = signed_workspace(config("signatures: required\n"));
  const auto outcome = ws.check("acme", "2026-11-20", options);
  CHECK(only(outcome.findings, "HF418")
        == "projects/acme/signoffs.yaml:1:1: error[HF418]: cannot verify the signatures of the commits that added the "
           "sign-offs: the repository is a shallow clone; handoff.yaml sets signatures: required\n");
  CHECK_FALSE(outcome.signatures.has_value());

  history.state_value = signoff::History::State::available;
  Workspace free_names = signed_workspace("version: 1\nsignatures: required\n");
  CHECK(only(free_names.check("acme", "2026-11-20", options).findings, "HF418")
        == "projects/acme/signoffs.yaml:1:1: error[HF418]: cannot verify the signatures of the commits that added the "
           "sign-offs: handoff.yaml has no people: registry with signing_keys, and it sets signatures: required\n");
}
