import Host

await IntakeCommand.runMain()
