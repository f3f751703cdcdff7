#include "app.hpp"
#include "forecast/render.hpp"
#include "forecast/source.hpp"
#include "support/json_text.hpp"

namespace handoff::cli {

namespace {

class ForecastCommand final : public Command {
public:
  std::string_view name() const override { return "forecast"; }
  std::string_view summary() const override
  {
    return "Forecast a project's go-live and effort from the workspace's closed projects";
  }

  void setup(CLI::App& app) override
  {
    app.add_option("ID", m_id, "The project to forecast")->required();
    app.add_option("--format", m_format, "Output format: text or json")
        ->check(one_of({"text", "json"}))
        ->type_name("FORMAT");
    app.add_option("--tag", m_tag, "Use only the closed projects with this tag as the reference class")
        ->check(non_empty("tag", "give a tag of the closed projects, or leave --tag out"))
        ->type_name("TAG");
    add_today_option(app, m_today);
    add_jobs_option(app, m_jobs);
    app.footer(R"(
The reference class is every closed project with contract.start (else signed),
estimate.duration_weeks and closure.went_live, the project itself excepted: only those of
the project's customer.industry when at least forecast.min_class (handoff.yaml, default 5)
share it, only those tagged TAG with --tag. Each gives a ratio, actual days to go-live over
estimated days; P50 and P80 are nearest-rank quantiles, r[ceil(q*n) - 1] of the sorted
ratios, and the forecast dates are start + round(weeks x 7 x Pq) days. Effort is forecast the
same way from closure.actual_effort_days / estimate.effort_days. A class smaller than
forecast.min_class gives no dates. `forecast` never writes and exits 0 unless the arguments
or the workspace are wrong; docs/forecast.md works an example through.

Examples:
  handoff forecast acme-mes
  handoff forecast acme-mes --tag sap
  handoff forecast acme-mes --format json | jq .schedule.p80_date)");
  }

  int run(const Globals& globals) override
  {
    const workspace::Workspace ws = open_workspace(globals);
    require_projects(ws, {m_id});
    const support::Date today = resolve_today(m_today);
    const std::unique_ptr<forecast::SampleCache> cache = ws.sample_cache();
    const forecast::FixedSource closed(
        forecast::load_closed(ws.fs(), ws.config(), ws.project_ids(), ws.load_options(),
                              {m_jobs, make_progress(globals, m_format == "text", "reading projects")}, cache.get()));
    std::optional<forecast::Forecast> result;
    if (m_tag.empty()) {
      // The project's forecast as the workspace's evaluation computes it: the one HF308 judges
      // and the reports show.
      rules::CheckOptions check;
      check.today = today;
      check.reference = &closed;
      check.forecast = true;
      result = std::move(ws.evaluate_one(m_id, check).outcome.forecast);
    } else {
      // A class of one tag: a question of its own, which no rule asks.
      forecast::Options options;
      options.min_class = ws.config().min_class();
      options.today = today;
      options.tag = m_tag;
      result = forecast::make_forecast(forecast::load_sample(ws.fs(), ws.config(), m_id, ws.load_options()),
                                       closed.closed(), options);
    }
    print(m_format == "json" ? result_json(*result)
                             : forecast::render_text(*result, output_language(globals, &ws.config())));
    return k_exit_ok;
  }

private:
  static std::string result_json(const forecast::Forecast& result)
  {
    return support::json_text(forecast::render_json(result));
  }

  std::string m_id;
  std::string m_format = "text";
  std::string m_tag;
  std::string m_today;
  unsigned m_jobs = 0;
};

}  // namespace

std::unique_ptr<Command> make_forecast()
{
  return std::make_unique<ForecastCommand>();
}

}  // namespace handoff::cli
