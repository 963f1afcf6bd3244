# Web pages: extraction and metadata scored against the Readability conformance
# pages in ../shared (skipped where that directory is absent), with floors set
# from measured results (README, "Web pages and archives").
add_executable(score_html score_html.c)
target_link_libraries(score_html PRIVATE readout_cli)
set(conf ${CMAKE_SOURCE_DIR}/../shared/conformance/readability)
if(NOT EXISTS ${conf} AND EXISTS ${CMAKE_SOURCE_DIR}/../../shared/conformance/readability)
  set(conf ${CMAKE_SOURCE_DIR}/../../shared/conformance/readability) # a git worktree
endif()
set(READOUT_CONFORMANCE_DIR ${conf} CACHE PATH "Readability conformance pages")
add_test(NAME accuracy/html COMMAND score_html ${READOUT_CONFORMANCE_DIR}
  --min-precision 0.98 --min-recall 0.97 --min-title 0.98 --min-byline 0.85 --min-language 0.98 --min-date 0.88)
set_tests_properties(accuracy/html PROPERTIES SKIP_RETURN_CODE 77 ENVIRONMENT "LC_ALL=C")
add_test(NAME cli/html COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/html_test.sh $<TARGET_FILE:readout> ${CMAKE_CURRENT_SOURCE_DIR})
set_tests_properties(cli/html PROPERTIES ENVIRONMENT "LC_ALL=C" TIMEOUT 600)
