/* main.c: the readout program. */
#include "cli.h"

int main(int argc, char **argv)
{
    return ro_cli_run(argc, argv, stdout, stderr);
}
