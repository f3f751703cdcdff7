# Warning and sanitizer policy, applied to every target of the project through
# the interface library `handoff_policy`.
add_library(handoff_policy INTERFACE)
# No -Wnull-dereference: with GCC 12 at -O2 it fires inside libstdc++ when CLI11 and kainjow
# mustache are inlined (false positives we cannot fix in our code).
target_compile_options(handoff_policy INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Woverloaded-virtual -Wimplicit-fallthrough)
if(HANDOFF_WERROR)
  target_compile_options(handoff_policy INTERFACE -Werror)
endif()
if(HANDOFF_SANITIZE)
  # The sanitizer build (preset asan) is optimised with -O1, as the sanitizers' authors advise
  # for speed: at -O0 its tests took 26 of the 37 minutes of CI's sanitizer stage. At -O1 with
  # the sanitizers, GCC 12 reports -Wmaybe-uninitialized inside libstdc++'s <regex> and
  # <functional> (false positives), so that one warning is off in this build only.
  target_compile_options(handoff_policy INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined -Wno-maybe-uninitialized)
  target_link_options(handoff_policy INTERFACE -fsanitize=address,undefined)
endif()
