import BriefingCLI

await BriefingCLI.main()
