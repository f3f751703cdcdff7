#include <csignal>

#include "app.hpp"

int main(int argc, char** argv)
{
  // Past `ulimit -f` a write fails with EFBIG, which the writers report and clean up after,
  // instead of the process being killed with its temporary file left behind.
  std::signal(SIGXFSZ, SIG_IGN);
  return handoff::cli::run(argc, argv);
}
