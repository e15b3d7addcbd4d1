import Host

await IntakeCommand.main()
