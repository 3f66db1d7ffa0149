"""Everything that touches the database: tables, engine, migrations, repositories, seed."""
