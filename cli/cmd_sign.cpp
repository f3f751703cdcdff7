#include <fmt/format.h>

#include "app.hpp"
#include "git/commit.hpp"
#include "git/repo.hpp"
#include "signoff/baseline.hpp"
#include "signoff/sign.hpp"
#include "support/text.hpp"

namespace handoff::cli {

namespace {

class SignCommand final : public Command {
public:
  std::string_view name() const override { return "sign"; }
  std::string_view summary() const override { return "Sign a project's records for a role (appends to signoffs.yaml)"; }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project to sign")->required();
    // Not ->required(): without --role, run() names the workspace's roles (CLI11 could only say
    // "--role is required").
    app.add_option("--role", m_role, "The role signed for (required): sales, implementation, ...")->type_name("ROLE");
    app.add_option("--as", m_person,
                   "Who signs (a person id of handoff.yaml; default: the person whose e-mail is "
                   "your git user e-mail)")
        ->check(non_empty("person", "give a person id of handoff.yaml, or leave --as out to sign as the person "
                                    "whose e-mail is your git user e-mail"))
        ->type_name("PERSON");
    add_commit_options(app, m_git, "signoffs.yaml and the records it signed (and nothing else)");
    add_today_option(app, m_today);
    app.footer(R"(
Appends one entry to projects/ID/signoffs.yaml: the role, the person, the date, a UTC
timestamp (at:) and the SHA-256 digests of the agreement in project.yaml (contract dates,
value, items and commitments), of requirements.yaml, feasibility.yaml and plan.yaml, and of
each requirement, milestone, contract item and commitment (docs/signoffs.md). The file is
only ever appended to; its comments stay. Your new entry supersedes your role's earlier ones;
what the latest sales and implementation entries agree on is the baseline that HF412 and
HF501 compare the records with. Commit the entry as yourself (--commit does): HF414 checks
that the commit that added it is authored by the person it names. Signing again (even the
same day) writes a new entry, which is how a wrongly committed sign-off is repaired.
--commit commits signoffs.yaml with the records whose digests the entry holds, so the commit
holds what was signed; when those records have uncommitted changes it refuses them unless
--include-changes (without --commit it warns). Before writing anything it checks that the
commit will count: your git e-mail must be the signer's e-mail in handoff.yaml (HF414).
When git's config asks for signed commits (commit.gpgsign=true, gpg.format=ssh, user.signingkey),
--commit signs the commit through ssh-keygen as git does; with `signatures: required` in
handoff.yaml, HF418 accepts the entry only in a commit signed with one of your signing_keys,
and --commit refuses to sign with any other key.

Examples:
  handoff sign acme-mes --role sales --commit
  git config commit.gpgsign true && handoff sign acme-mes --role sales --commit   # SSH-signed
  handoff sign acme-mes --role implementation --as zhang.min --today 2026-10-06)");
  }

  int run(const Globals& globals) override
  {
    signoff::SignRequest request;
    request.role = m_role;
    request.person = m_person;
    request.date = resolve_today(m_today);
    request.seconds = support::utc_seconds_of_day();
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    require_inside(ws, m_id);
    if (m_role.empty()) {
      const auto& roles = ws.config().roles;  // never empty: the loader puts the default set in its place
      throw UsageError(
          fmt::format("--role is required: {} (the roles of handoff.yaml), as in `handoff sign {} --role {}`",
                      support::join_words(roles, " or "), m_id, roles.empty() ? "ROLE" : roles.front()));
    }
    workspace::Transaction transaction(ws, "handoff sign " + m_id, m_git);
    const git::Identity me = git::identity(ws.root());
    request.identity_email = me.email;
    request.identity_name = me.name;
    const model::ProjectResult loaded = ws.load(m_id);
    // The entry records the digests of these records as they are on disk, and the commit holds
    // them with it, so that it holds what was signed.
    std::vector<std::string> digested;
    for (const model::Record record : signoff::k_signed_records) {
      digested.push_back(loaded.project.file(record).path);
    }
    const char* why = "sign records the digests of those versions";
    const std::vector<std::string> unsaved =
        transaction.begin({loaded.project.file(model::Record::signoffs).path}, digested, why);
    try {
      // Who signs, and whether the commit will show it, is settled before anything is written.
      transaction.require_identity(ws.config(), signoff::resolve_signer(ws.config(), request),
                                   "sign --commit would sign for " + m_role);
      const signoff::Signed done =
          signoff::sign(ws.root(), ws.fs(), ws.config(), loaded.project, request, ws.load_options());
      // With --commit the sign-off is reported once it is committed: a failed commit puts the
      // file back, and the output must not say it was appended.
      const bool signs = m_git.commit && git::signing(ws.root()).sign;
      std::string id;
      if (m_git.commit) {
        if (!signs && ws.config().signatures == "required") {
          print_error(fmt::format("handoff: warning: handoff.yaml sets signatures: required, but your git config does "
                                  "not sign commits (commit.gpgsign), so HF418 will reject this sign-off; set up an "
                                  "SSH signing key (docs/signoffs.md) and sign again\n"));
        }
        id = transaction.commit(fmt::format("handoff({}): sign as {} ({})", m_id, m_role, done.person));
      }
      print_error(workspace::uncommitted_warning(unsaved, why));
      if (!globals.quiet) {
        print(fmt::format("{}: signed as {} by {} on {} ({} items; {} {})\n", m_id, m_role, done.person,
                          request.date.str(), done.items, done.file, done.created ? "created" : "appended"));
        if (m_git.commit) {
          print(fmt::format("{}: committed {} as {}{}\n", m_id,
                            workspace::committed_files(done.file, transaction.included()), id,
                            signs ? ", SSH-signed" : ""));
        }
      }
    } catch (const signoff::SignError& e) {
      throw UsageError(e.what());
    }
    return k_exit_ok;
  }

private:
  std::string m_id;
  std::string m_role;
  std::string m_person;
  std::string m_today;
  workspace::CommitOptions m_git;
};

}  // namespace

std::unique_ptr<Command> make_sign()
{
  return std::make_unique<SignCommand>();
}

}  // namespace handoff::cli
