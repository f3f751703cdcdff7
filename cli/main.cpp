#include "app.hpp"

int main(int argc, char** argv)
{
  return handoff::cli::run(argc, argv);
}
