from sijill.cli import main

raise SystemExit(main())
