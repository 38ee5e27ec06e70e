from sovlint.cli import main

raise SystemExit(main())
