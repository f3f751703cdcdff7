// handoff, killed with SIGKILL after a temporary file is written and before it is renamed into
// place: the e2e case writes/killed-during-advance shows that the old file stays intact.
// A test binary only (tests/CMakeLists.txt); the shipped main() sets no hook.
#include <csignal>

#include "app.hpp"
#include "io/write.hpp"

int main(int argc, char** argv)
{
  handoff::io::set_before_rename_hook([] { std::raise(SIGKILL); });
  return handoff::cli::run(argc, argv);
}
