# Installation of memplan: libraries with their usage requirements exported
# as MemPlan::<Name> targets, headers (generated ones too), tools, the CMake
# package (find_package(MemPlan)) and a Debian package (cpack -G DEB).
# Two components: `development` (libraries, headers, CMake package: what
# find_package(MemPlan) needs) and `tools` (memplan-opt, memplan-solve, the
# mlir-opt plugin).

include(CMakePackageConfigHelpers)

set(MEMPLAN_INSTALL_CMAKEDIR ${CMAKE_INSTALL_LIBDIR}/cmake/MemPlan)

# Exports `target` as MemPlan::<export_name>, in the build tree as an alias
# so that in-tree users spell it the same way.
function(memplan_install_library target export_name)
  set_target_properties(${target} PROPERTIES EXPORT_NAME ${export_name})
  add_library(MemPlan::${export_name} ALIAS ${target})
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${MEMPLAN_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${MEMPLAN_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
  install(TARGETS ${target} EXPORT MemPlanTargets COMPONENT development
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endfunction()

# Installs a tool that finds libMLIR.so / libLLVM.so where MLIR was found.
function(memplan_install_tool target)
  set_target_properties(${target} PROPERTIES
    INSTALL_RPATH "$ORIGIN/../${CMAKE_INSTALL_LIBDIR};${LLVM_LIBRARY_DIR}")
  install(TARGETS ${target} COMPONENT tools
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
endfunction()

function(memplan_install_package)
  install(DIRECTORY ${MEMPLAN_SOURCE_DIR}/include/memplan
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
    FILES_MATCHING PATTERN "*.h" PATTERN "*.td" PATTERN "CMakeLists.txt" EXCLUDE
    # The importer's library is internal to memplan-import-onnx.
    PATTERN "Import" EXCLUDE)
  install(DIRECTORY ${MEMPLAN_BINARY_DIR}/include/memplan
    DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development
    FILES_MATCHING PATTERN "*.inc" PATTERN "CMakeFiles" EXCLUDE)
  install(EXPORT MemPlanTargets NAMESPACE MemPlan::
    DESTINATION ${MEMPLAN_INSTALL_CMAKEDIR} COMPONENT development)

  configure_package_config_file(
    ${MEMPLAN_SOURCE_DIR}/cmake/MemPlanConfig.cmake.in
    ${MEMPLAN_BINARY_DIR}/cmake/MemPlanConfig.cmake
    INSTALL_DESTINATION ${MEMPLAN_INSTALL_CMAKEDIR}
    PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_BINDIR)
  write_basic_package_version_file(
    ${MEMPLAN_BINARY_DIR}/cmake/MemPlanConfigVersion.cmake
    VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
  install(FILES
    ${MEMPLAN_BINARY_DIR}/cmake/MemPlanConfig.cmake
    ${MEMPLAN_BINARY_DIR}/cmake/MemPlanConfigVersion.cmake
    DESTINATION ${MEMPLAN_INSTALL_CMAKEDIR} COMPONENT development)

  set(CPACK_PACKAGE_NAME memplan)
  set(CPACK_PACKAGE_VENDOR "memplan")
  set(CPACK_PACKAGE_CONTACT "memplan developers <memplan@localhost>")
  set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "Ahead-of-time memory planner for neural networks in MLIR")
  set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
  set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
  set(CPACK_DEBIAN_PACKAGE_SECTION devel)
  set(CPACK_DEBIAN_PACKAGE_DEPENDS "libmlir-22, libllvm22")
  if(ONNX_FOUND)
    # memplan-import-onnx
    string(APPEND CPACK_DEBIAN_PACKAGE_DEPENDS ", libonnx1, libprotobuf32")
  endif()
  # find_package(MemPlan) needs MLIR's CMake package; running planned
  # programs needs mlir-runner.
  set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libmlir-22-dev, mlir-22-tools")
  set(CPACK_GENERATOR DEB)
  include(CPack)
endfunction()
