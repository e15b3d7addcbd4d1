# Shared by run.sh and allocations.sh: which mappers and samples to benchmark.
#
# Sets the array bench_args from the arguments given, or by default to ./mappers and
# ./samples when the package root has both (the shipped mappers), else to the mapping
# conformance suite's vendor payloads, ../shared/conformance/mapping/samples/vendors.
default_bench_args() {
    bench_args=("$@")
    if [ ${#bench_args[@]} -eq 0 ]; then
        if [ -d mappers ] && [ -d samples ]; then
            bench_args=(.)
        else
            local conformance
            conformance="$(cd .. && pwd)/shared/conformance/mapping"
            bench_args=("$conformance" --samples "$conformance/samples/vendors")
        fi
    fi
}
