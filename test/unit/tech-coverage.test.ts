/**
 * Technology coverage (issue 4, "Done when"): every technology the issue lists is detected in
 * the technology zoo (test/fixtures/tech-zoo, one small project per ecosystem) with evidence at
 * the right place, every listed name has an entry in data/technologies, and no trap fires.
 *
 * Each expectation names a file of the zoo and, where the detection comes from a manifest entry,
 * an import or a line of configuration, a piece of text on that line: the expected 1-based line
 * is the first line of the file that contains it, so editing a fixture does not mean renumbering.
 */
import { strict as assert } from 'assert';
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import type { AnalysisResult } from '../../src/core/types';
import { engine, FIXTURES, REPO } from './helpers/engine';

const ZOO = path.join(FIXTURES, 'tech-zoo');

/** Evidence expected in `file` (zoo-relative); with `on`, at the first line containing that text. */
interface Where {
  file: string;
  on?: string;
}

interface Row {
  /** The issue's list the name comes from. */
  list: string;
  /** The name as the issue writes it. */
  name: string;
  /** The technology id in data/technologies. */
  id: string;
  where: Where[];
}

const at = (file: string, on?: string): Where => ({ file, on });

// Files of the zoo named more than once below.
const NODE_PKG = 'node/package.json';
const PY_REQ = 'python/requirements.txt';
const POM = 'jvm-maven/pom.xml';
const CSPROJ = 'dotnet/Zoo.Api/Zoo.Api.csproj';
const GEMFILE = 'ruby/Gemfile';
const COMPOSER = 'php/composer.json';
const GO_MOD = 'go/go.mod';
const CARGO = 'rust/Cargo.toml';
const COMPOSE = 'docker-compose.yml';
const NODE_ENV = 'node/.env.example';
const JAVA = 'jvm-maven/src/main/java/com/example/zoo';
const RES = 'jvm-maven/src/main/resources';
const SQL_TS = 'node/src/db/sql.ts';
const NOSQL_TS = 'node/src/db/nosql.ts';
const ORM_TS = 'node/src/db/orm.ts';
const BUS_TS = 'node/src/messaging/bus.ts';
const STORAGE_TS = 'node/src/cloud/storage.ts';
const EXPRESS_TS = 'node/src/http/express-app.ts';
const VALIDATION_TS = 'node/src/auth/validation.ts';
const TELEMETRY_TS = 'node/src/observability/telemetry.ts';
const PY_DB = 'python/app/db.py';
const PY_TASKS = 'python/app/tasks.py';
const PY_CLOUD = 'python/app/cloud.py';
const PY_SECURITY = 'python/app/security.py';
const PY_OBS = 'python/app/observability.py';

const FRAMEWORKS: Row[] = [
  { list: 'Frameworks', name: 'Django', id: 'django', where: [at(PY_REQ, 'Django=='), at('python/blog/models.py', 'from django.db import models'), at('python/manage.py', 'DJANGO_SETTINGS_MODULE')] },
  { list: 'Frameworks', name: 'Flask', id: 'flask', where: [at(PY_REQ, 'Flask=='), at('python/app/flask_app.py', 'from flask import Flask')] },
  { list: 'Frameworks', name: 'FastAPI', id: 'fastapi', where: [at(PY_REQ, 'fastapi=='), at('python/app/api.py', 'from fastapi import FastAPI')] },
  { list: 'Frameworks', name: 'Express', id: 'express', where: [at(NODE_PKG, '"express"'), at(EXPRESS_TS, "from 'express'")] },
  { list: 'Frameworks', name: 'NestJS', id: 'nestjs', where: [at(NODE_PKG, '"@nestjs/core"'), at('node/src/nest/app.module.ts', "from '@nestjs/core'")] },
  { list: 'Frameworks', name: 'Koa', id: 'koa', where: [at(NODE_PKG, '"koa"'), at('node/src/http/koa-app.ts', "from 'koa'")] },
  { list: 'Frameworks', name: 'Fastify', id: 'fastify', where: [at(NODE_PKG, '"fastify"'), at('node/src/http/fastify-app.ts', "from 'fastify'")] },
  { list: 'Frameworks', name: 'Spring Boot', id: 'spring-boot', where: [at(POM, '<artifactId>spring-boot-starter-parent<'), at(`${JAVA}/ZooApplication.java`, 'import org.springframework.boot.autoconfigure.SpringBootApplication;')] },
  { list: 'Frameworks', name: 'Spring MVC', id: 'spring-framework', where: [at(POM, '<artifactId>spring-boot-starter-web<'), at(`${JAVA}/web/AnimalController.java`, 'import org.springframework.web.bind.annotation.RestController;')] },
  { list: 'Frameworks', name: 'Quarkus', id: 'quarkus', where: [at('jvm-gradle/quarkus-api/build.gradle', "id 'io.quarkus'"), at('jvm-gradle/quarkus-api/build.gradle', "'io.quarkus:quarkus-rest'"), at('jvm-gradle/quarkus-api/src/main/java/com/example/zoo/EnclosureResource.java', 'import io.quarkus.')] },
  { list: 'Frameworks', name: 'Micronaut', id: 'micronaut', where: [at('jvm-gradle/micronaut-api/build.gradle.kts', 'id("io.micronaut.application")'), at('jvm-gradle/micronaut-api/src/main/kotlin/com/example/zoo/KeeperController.kt', 'import io.micronaut.http.annotation.Controller')] },
  { list: 'Frameworks', name: 'Ktor', id: 'ktor', where: [at('jvm-gradle/ktor-api/build.gradle.kts', 'alias(libs.plugins.ktor)'), at('jvm-gradle/ktor-api/build.gradle.kts', 'implementation(libs.ktor.server.core)'), at('jvm-gradle/ktor-api/src/main/kotlin/com/example/zoo/Application.kt', 'import io.ktor.server.engine.embeddedServer')] },
  { list: 'Frameworks', name: 'Play', id: 'play', where: [at('scala/project/plugins.sbt', 'addSbtPlugin("org.playframework"'), at('scala/app/controllers/HomeController.scala', 'import play.api.mvc._'), at('scala/conf/routes')] },
  { list: 'Frameworks', name: 'Akka HTTP', id: 'akka-http', where: [at('scala/build.sbt', '"akka-http"'), at('scala/app/streams/TelemetryServer.scala', 'import akka.http.scaladsl.Http')] },
  { list: 'Frameworks', name: 'Rails', id: 'rails', where: [at(GEMFILE, 'gem "rails"'), at('ruby/config/application.rb', 'require "rails/all"'), at('ruby/config/routes.rb', 'Rails.application.routes.draw')] },
  { list: 'Frameworks', name: 'Sinatra', id: 'sinatra', where: [at(GEMFILE, 'gem "sinatra"'), at('ruby/sinatra/app.rb', 'require "sinatra/base"')] },
  { list: 'Frameworks', name: 'Laravel', id: 'laravel', where: [at(COMPOSER, '"laravel/framework"'), at('php/routes/web.php', 'use Illuminate\\Support\\Facades\\Route;')] },
  { list: 'Frameworks', name: 'Symfony', id: 'symfony', where: [at(COMPOSER, '"symfony/framework-bundle"'), at('php/src/Controller/KeeperController.php', 'use Symfony\\Component\\Routing\\Attribute\\Route;'), at('php/config/bundles.php', 'FrameworkBundle')] },
  { list: 'Frameworks', name: 'ASP.NET Core', id: 'aspnet-core', where: [at(CSPROJ, 'Sdk="Microsoft.NET.Sdk.Web"'), at('dotnet/Zoo.Api/Program.cs', 'using Microsoft.AspNetCore.Builder;')] },
  { list: 'Frameworks', name: 'Gin', id: 'gin', where: [at(GO_MOD, 'github.com/gin-gonic/gin'), at('go/cmd/api/main.go', '"github.com/gin-gonic/gin"')] },
  { list: 'Frameworks', name: 'Echo', id: 'echo', where: [at(GO_MOD, 'github.com/labstack/echo/v4'), at('go/cmd/api/main.go', '"github.com/labstack/echo/v4"')] },
  { list: 'Frameworks', name: 'Fiber', id: 'fiber', where: [at(GO_MOD, 'github.com/gofiber/fiber/v2'), at('go/cmd/api/main.go', '"github.com/gofiber/fiber/v2"')] },
  { list: 'Frameworks', name: 'Actix', id: 'actix-web', where: [at(CARGO, 'actix-web ='), at('rust/src/main.rs', 'use actix_web::')] },
  { list: 'Frameworks', name: 'Axum', id: 'axum', where: [at(CARGO, 'axum ='), at('rust/src/keepers.rs', 'use axum::')] },
  { list: 'Frameworks', name: 'Rocket', id: 'rocket', where: [at(CARGO, 'rocket ='), at('rust/src/enclosures.rs', 'use rocket::serde')] },
];

// Databases: from drivers, ORM configuration, compose images, example env files and DDL.
const DATABASES: Row[] = [
  {
    list: 'Databases', name: 'PostgreSQL', id: 'postgresql',
    where: [
      at(NODE_PKG, '"pg"'), at(SQL_TS, "from 'pg'"), at(PY_REQ, 'psycopg2-binary'), at(POM, '<artifactId>postgresql<'), at(GO_MOD, 'github.com/jackc/pgx/v5'),
      at(CSPROJ, '"Npgsql"'), at(GEMFILE, 'gem "pg"'), at(CARGO, 'sqlx ='),
      at('node/prisma/schema.prisma', 'provider = "postgresql"'), at(COMPOSE, 'image: postgres'), at(NODE_ENV, 'postgresql://'),
      at('go/migrations/000001_create_animals.up.sql', 'BIGSERIAL'), at(`${RES}/application.yml`, 'jdbc:postgresql:'),
      at('python/mysite/settings.py', 'django.db.backends.postgresql'), at('ruby/config/database.yml', 'adapter: postgresql'),
      at('node/knexfile.js', "client: 'pg'"), at('node/drizzle.config.ts', "dialect: 'postgresql'"), at('python/alembic.ini', 'sqlalchemy.url'),
    ],
  },
  { list: 'Databases', name: 'MySQL', id: 'mysql', where: [at(NODE_PKG, '"mysql2"'), at(SQL_TS, "from 'mysql2/promise'"), at(PY_REQ, 'PyMySQL'), at(PY_DB, 'import pymysql'), at(GEMFILE, 'gem "mysql2"'), at(COMPOSE, 'image: mysql'), at(NODE_ENV, 'mysql://'), at('php/.env.example', 'DB_CONNECTION=mysql')] },
  { list: 'Databases', name: 'MariaDB', id: 'mariadb', where: [at(NODE_PKG, '"mariadb"'), at(SQL_TS, "from 'mariadb'"), at(COMPOSE, 'image: mariadb')] },
  { list: 'Databases', name: 'SQLite', id: 'sqlite', where: [at(NODE_PKG, '"better-sqlite3"'), at(SQL_TS, "from 'better-sqlite3'"), at(PY_DB, 'import sqlite3'), at(GEMFILE, 'gem "sqlite3"')] },
  { list: 'Databases', name: 'Oracle', id: 'oracle', where: [at(POM, '<artifactId>ojdbc11<'), at(NODE_PKG, '"oracledb"'), at(SQL_TS, "from 'oracledb'"), at(PY_REQ, 'oracledb=='), at(PY_DB, 'import oracledb'), at(COMPOSE, 'image: gvenzl/oracle-xe'), at(`${RES}/application-reporting.properties`, 'jdbc:oracle:')] },
  { list: 'Databases', name: 'SQL Server', id: 'sql-server', where: [at(CSPROJ, 'Microsoft.EntityFrameworkCore.SqlServer'), at(POM, '<artifactId>mssql-jdbc<'), at(NODE_PKG, '"mssql"'), at(SQL_TS, "from 'mssql'"), at(PY_DB, 'import pymssql'), at(COMPOSE, 'mssql/server'), at(`${RES}/application-reporting.properties`, 'jdbc:sqlserver:')] },
  { list: 'Databases', name: 'H2', id: 'h2', where: [at(POM, '<artifactId>h2<'), at(`${RES}/application-test.properties`, 'jdbc:h2:')] },
  { list: 'Databases', name: 'MongoDB', id: 'mongodb', where: [at(NODE_PKG, '"mongodb"'), at(NOSQL_TS, "from 'mongodb'"), at(PY_REQ, 'pymongo'), at(PY_DB, 'from pymongo import'), at(COMPOSE, 'image: mongo'), at(NODE_ENV, 'mongodb://')] },
  { list: 'Databases', name: 'Redis', id: 'redis', where: [at(NODE_PKG, '"ioredis"'), at(PY_REQ, 'redis=='), at(COMPOSE, 'image: redis'), at(NODE_ENV, 'redis://'), at(COMPOSER, '"predis/predis"'), at(GEMFILE, 'gem "redis"')] },
  { list: 'Databases', name: 'Cassandra', id: 'cassandra', where: [at(NODE_PKG, '"cassandra-driver"'), at(NOSQL_TS, "from 'cassandra-driver'"), at(PY_REQ, 'cassandra-driver'), at(PY_DB, 'import cassandra.cluster'), at(COMPOSE, 'image: cassandra')] },
  { list: 'Databases', name: 'Neo4j', id: 'neo4j', where: [at(NODE_PKG, '"neo4j-driver"'), at(NOSQL_TS, "from 'neo4j-driver'"), at(PY_DB, 'from neo4j import'), at(COMPOSE, 'image: neo4j'), at(NODE_ENV, 'bolt://')] },
  { list: 'Databases', name: 'Elasticsearch', id: 'elasticsearch', where: [at(NODE_PKG, '"@elastic/elasticsearch"'), at(NOSQL_TS, "from '@elastic/elasticsearch'"), at(PY_DB, 'from elasticsearch import'), at(COMPOSE, 'docker.elastic.co/elasticsearch/elasticsearch')] },
  { list: 'Databases', name: 'OpenSearch', id: 'opensearch', where: [at(NODE_PKG, '"@opensearch-project/opensearch"'), at(NOSQL_TS, "from '@opensearch-project/opensearch'"), at(PY_DB, 'from opensearchpy import'), at(COMPOSE, 'opensearchproject/opensearch')] },
  { list: 'Databases', name: 'DynamoDB', id: 'dynamodb', where: [at(NODE_PKG, '"@aws-sdk/client-dynamodb"'), at(NOSQL_TS, "from '@aws-sdk/client-dynamodb'"), at(PY_REQ, 'pynamodb'), at(COMPOSE, 'amazon/dynamodb-local'), at('node/serverless.yml', 'AWS::DynamoDB::Table')] },
];

const ORMS: Row[] = [
  { list: 'ORMs and data access', name: 'Hibernate', id: 'hibernate', where: [at(POM, '<artifactId>spring-boot-starter-data-jpa<'), at(`${JAVA}/data/Animal.java`, 'import org.hibernate.annotations.CreationTimestamp;'), at('jvm-gradle/quarkus-api/build.gradle', 'quarkus-hibernate-orm-panache')] },
  { list: 'ORMs and data access', name: 'JPA', id: 'jpa', where: [at(`${JAVA}/data/Animal.java`, 'import jakarta.persistence.Entity;')] },
  { list: 'ORMs and data access', name: 'Spring Data', id: 'spring-data-jpa', where: [at(POM, '<artifactId>spring-boot-starter-data-jpa<'), at(`${JAVA}/data/AnimalRepository.java`, 'import org.springframework.data.jpa.repository.JpaRepository;')] },
  { list: 'ORMs and data access', name: 'MyBatis', id: 'mybatis', where: [at(POM, '<artifactId>mybatis-spring-boot-starter<'), at(`${JAVA}/data/KeeperMapper.java`, 'import org.apache.ibatis.annotations.Mapper;'), at(`${RES}/mappers/KeeperMapper.xml`, '-//mybatis.org//DTD Mapper')] },
  { list: 'ORMs and data access', name: 'jOOQ', id: 'jooq', where: [at(POM, '<artifactId>jooq<'), at(`${JAVA}/data/ReportQueries.java`, 'import org.jooq.DSLContext;')] },
  { list: 'ORMs and data access', name: 'Sequelize', id: 'sequelize', where: [at(NODE_PKG, '"sequelize"'), at(ORM_TS, "from 'sequelize'")] },
  { list: 'ORMs and data access', name: 'TypeORM', id: 'typeorm', where: [at(NODE_PKG, '"typeorm"'), at(ORM_TS, "from 'typeorm'")] },
  { list: 'ORMs and data access', name: 'Prisma', id: 'prisma', where: [at(NODE_PKG, '"@prisma/client"'), at(ORM_TS, "from '@prisma/client'"), at('node/prisma/schema.prisma')] },
  { list: 'ORMs and data access', name: 'Mongoose', id: 'mongoose', where: [at(NODE_PKG, '"mongoose"'), at(ORM_TS, "from 'mongoose'")] },
  { list: 'ORMs and data access', name: 'Knex', id: 'knex', where: [at(NODE_PKG, '"knex"'), at(ORM_TS, "from 'knex'"), at('node/knexfile.js')] },
  { list: 'ORMs and data access', name: 'Drizzle', id: 'drizzle', where: [at(NODE_PKG, '"drizzle-orm"'), at(ORM_TS, "from 'drizzle-orm/pg-core'"), at('node/drizzle.config.ts')] },
  { list: 'ORMs and data access', name: 'SQLAlchemy', id: 'sqlalchemy', where: [at(PY_REQ, 'SQLAlchemy=='), at(PY_DB, 'from sqlalchemy import')] },
  { list: 'ORMs and data access', name: 'the Django ORM', id: 'django-orm', where: [at('python/blog/models.py', 'from django.db import models')] },
  { list: 'ORMs and data access', name: 'Peewee', id: 'peewee', where: [at(PY_REQ, 'peewee=='), at(PY_DB, 'from peewee import')] },
  { list: 'ORMs and data access', name: 'ActiveRecord', id: 'activerecord', where: [at('ruby/app/models/animal.rb', '< ApplicationRecord'), at('ruby/app/models/application_record.rb')] },
  { list: 'ORMs and data access', name: 'Eloquent', id: 'eloquent', where: [at('php/app/Models/Animal.php', 'use Illuminate\\Database\\Eloquent\\Model;')] },
  { list: 'ORMs and data access', name: 'Doctrine', id: 'doctrine-orm', where: [at(COMPOSER, '"doctrine/orm"'), at('php/src/Entity/Keeper.php', 'use Doctrine\\ORM\\Mapping as ORM;')] },
  { list: 'ORMs and data access', name: 'Entity Framework Core', id: 'ef-core', where: [at(CSPROJ, 'Microsoft.EntityFrameworkCore.SqlServer'), at('dotnet/Zoo.Api/Data/ZooContext.cs', 'using Microsoft.EntityFrameworkCore;')] },
  { list: 'ORMs and data access', name: 'Dapper', id: 'dapper', where: [at(CSPROJ, '"Dapper"'), at('dotnet/Zoo.Api/Data/AnimalReports.cs', 'using Dapper;')] },
  { list: 'ORMs and data access', name: 'GORM', id: 'gorm', where: [at(GO_MOD, 'gorm.io/gorm'), at('go/internal/store/store.go', '"gorm.io/gorm"')] },
  { list: 'ORMs and data access', name: 'sqlx (Go)', id: 'sqlx-go', where: [at(GO_MOD, 'github.com/jmoiron/sqlx'), at('go/internal/store/store.go', '"github.com/jmoiron/sqlx"')] },
  { list: 'ORMs and data access', name: 'sqlx (Rust)', id: 'sqlx-rust', where: [at(CARGO, 'sqlx ='), at('rust/src/lib.rs', 'use sqlx::')] },
  { list: 'ORMs and data access', name: 'Diesel', id: 'diesel', where: [at(CARGO, 'diesel ='), at('rust/src/lib.rs', 'use diesel::pg::PgConnection;'), at('rust/diesel.toml')] },
  { list: 'ORMs and data access', name: 'SeaORM', id: 'sea-orm', where: [at(CARGO, 'sea-orm ='), at('rust/src/lib.rs', 'use sea_orm::')] },
];

const MIGRATIONS: Row[] = [
  { list: 'Migrations', name: 'Flyway', id: 'flyway', where: [at(POM, '<artifactId>flyway-core<'), at(`${RES}/db/migration/V1__create_animals.sql`)] },
  { list: 'Migrations', name: 'Liquibase', id: 'liquibase', where: [at(POM, '<artifactId>liquibase-core<'), at(`${RES}/db/changelog/db.changelog-master.yaml`)] },
  { list: 'Migrations', name: 'Alembic', id: 'alembic', where: [at(PY_REQ, 'alembic=='), at('python/alembic.ini'), at('python/alembic/versions/20240101_0001_create_accounts.py', 'from alembic import op')] },
  { list: 'Migrations', name: 'Django migrations', id: 'django-migrations', where: [at('python/blog/migrations/0001_initial.py', 'class Migration(migrations.Migration)')] },
  { list: 'Migrations', name: 'Rails db/migrate', id: 'rails-migrations', where: [at('ruby/db/migrate/20240101000000_create_animals.rb')] },
  { list: 'Migrations', name: 'Laravel migrations', id: 'laravel-migrations', where: [at('php/database/migrations/2024_01_01_000000_create_animals_table.php')] },
  { list: 'Migrations', name: 'Prisma', id: 'prisma-migrate', where: [at('node/prisma/migrations/20240101000000_init/migration.sql')] },
  { list: 'Migrations', name: 'TypeORM', id: 'typeorm-migrations', where: [at('node/src/migrations/1700000000000-CreateCustomers.ts', 'implements MigrationInterface')] },
  { list: 'Migrations', name: 'Knex', id: 'knex-migrations', where: [at('node/db/migrations/20240101120000_create_orders.js', 'knex.schema.createTable')] },
  { list: 'Migrations', name: 'EF Core', id: 'ef-core-migrations', where: [at(CSPROJ, 'Microsoft.EntityFrameworkCore.Design'), at('dotnet/Zoo.Api/Migrations/20240101000000_Initial.cs', 'using Microsoft.EntityFrameworkCore.Migrations;')] },
  { list: 'Migrations', name: 'golang-migrate', id: 'golang-migrate', where: [at(GO_MOD, 'github.com/golang-migrate/migrate/v4'), at('go/internal/store/store.go', '"github.com/golang-migrate/migrate/v4"'), at('go/migrations/000001_create_animals.up.sql')] },
  { list: 'Migrations', name: 'Diesel', id: 'diesel-migrations', where: [at(CARGO, 'diesel_migrations ='), at('rust/src/lib.rs', 'use diesel_migrations::'), at('rust/migrations/2024-01-01-000000_create_animals/up.sql')] },
];

const CACHES_AND_MESSAGING: Row[] = [
  { list: 'Caches and messaging', name: 'Redis clients', id: 'redis', where: [at(NOSQL_TS, "from 'ioredis'"), at(PY_DB, 'from redis import Redis'), at('go/internal/store/store.go', '"github.com/redis/go-redis/v9"'), at(CSPROJ, 'StackExchange.Redis'), at('dotnet/Zoo.Api/Services/AnimalService.cs', 'using StackExchange.Redis;')] },
  { list: 'Caches and messaging', name: 'Memcached', id: 'memcached', where: [at(NODE_PKG, '"memjs"'), at(NOSQL_TS, "from 'memjs'"), at(PY_REQ, 'pymemcache'), at(GEMFILE, 'gem "dalli"'), at('python/mysite/settings.py', 'PyMemcacheCache'), at(COMPOSE, 'image: memcached')] },
  { list: 'Caches and messaging', name: 'Kafka', id: 'kafka', where: [at(NODE_PKG, '"kafkajs"'), at(BUS_TS, "from 'kafkajs'"), at(POM, '<artifactId>spring-kafka<'), at(`${JAVA}/messaging/Listeners.java`, 'import org.springframework.kafka.annotation.KafkaListener;'), at(PY_TASKS, 'from kafka import'), at(COMPOSE, 'image: bitnami/kafka')] },
  { list: 'Caches and messaging', name: 'RabbitMQ/AMQP', id: 'rabbitmq', where: [at(NODE_PKG, '"amqplib"'), at(BUS_TS, "from 'amqplib'"), at(POM, '<artifactId>spring-boot-starter-amqp<'), at(`${JAVA}/messaging/Listeners.java`, 'import org.springframework.amqp.'), at(PY_TASKS, 'import pika'), at(COMPOSE, 'image: rabbitmq'), at(NODE_ENV, 'amqp://')] },
  { list: 'Caches and messaging', name: 'NATS', id: 'nats', where: [at(NODE_PKG, '"nats"'), at(BUS_TS, "from 'nats'"), at(PY_TASKS, 'import nats'), at(COMPOSE, 'image: nats'), at(NODE_ENV, 'nats://')] },
  { list: 'Caches and messaging', name: 'SQS', id: 'aws-sqs', where: [at(NODE_PKG, '"@aws-sdk/client-sqs"'), at(BUS_TS, "from '@aws-sdk/client-sqs'"), at(POM, '<artifactId>sqs<'), at(CSPROJ, 'AWSSDK.SQS'), at('node/serverless.yml', 'AWS::SQS::Queue')] },
  { list: 'Caches and messaging', name: 'SNS', id: 'aws-sns', where: [at(NODE_PKG, '"@aws-sdk/client-sns"'), at(BUS_TS, "from '@aws-sdk/client-sns'")] },
  { list: 'Caches and messaging', name: 'Google Pub/Sub', id: 'gcp-pubsub', where: [at(NODE_PKG, '"@google-cloud/pubsub"'), at(BUS_TS, "from '@google-cloud/pubsub'"), at(PY_TASKS, 'from google.cloud import pubsub_v1'), at(POM, '<artifactId>google-cloud-pubsub<'), at(`${JAVA}/cloud/CloudClients.java`, 'import com.google.cloud.pubsub.v1.Publisher;')] },
  { list: 'Caches and messaging', name: 'Azure Service Bus', id: 'azure-service-bus', where: [at(NODE_PKG, '"@azure/service-bus"'), at(BUS_TS, "from '@azure/service-bus'"), at(PY_TASKS, 'from azure.servicebus import'), at(CSPROJ, 'Azure.Messaging.ServiceBus'), at('dotnet/Zoo.Api/Services/AnimalService.cs', 'using Azure.Messaging.ServiceBus;'), at(POM, '<artifactId>azure-messaging-servicebus<')] },
  { list: 'Caches and messaging', name: 'Celery', id: 'celery', where: [at(PY_REQ, 'celery[redis]'), at(PY_TASKS, 'from celery import Celery')] },
  { list: 'Caches and messaging', name: 'Sidekiq', id: 'sidekiq', where: [at(GEMFILE, 'gem "sidekiq"'), at('ruby/app/workers/feeding_worker.rb', 'require "sidekiq"')] },
  { list: 'Caches and messaging', name: 'BullMQ', id: 'bullmq', where: [at(NODE_PKG, '"bullmq"'), at(BUS_TS, "from 'bullmq'")] },
];

const CLOUD: Row[] = [
  {
    list: 'Cloud SDKs', name: 'AWS', id: 'aws',
    where: [
      at(PY_REQ, 'boto3=='), at(PY_CLOUD, 'import boto3'), // boto3
      at(NODE_PKG, '"@aws-sdk/client-s3"'), at(STORAGE_TS, "from '@aws-sdk/client-s3'"), // @aws-sdk/*
      at(POM, '<artifactId>s3<'), at(`${JAVA}/cloud/CloudClients.java`, 'import software.amazon.awssdk.services.s3.S3Client;'), // Java
      at(CSPROJ, 'AWSSDK.S3'), at('dotnet/Zoo.Api/Program.cs', 'using Amazon.S3;'), // .NET
      at(GO_MOD, 'github.com/aws/aws-sdk-go-v2 v'), at('go/internal/cloud/aws.go', '"github.com/aws/aws-sdk-go-v2/config"'), // Go
    ],
  },
  { list: 'Cloud SDKs', name: 'Google Cloud', id: 'gcp', where: [at(NODE_PKG, '"@google-cloud/storage"'), at(STORAGE_TS, "from '@google-cloud/storage'"), at(PY_REQ, 'google-cloud-storage'), at(PY_CLOUD, 'from google.cloud import storage'), at(CSPROJ, 'Google.Cloud.Storage.V1')] },
  { list: 'Cloud SDKs', name: 'Azure', id: 'azure', where: [at(NODE_PKG, '"@azure/storage-blob"'), at(STORAGE_TS, "from '@azure/storage-blob'"), at(PY_REQ, 'azure-storage-blob'), at(PY_CLOUD, 'from azure.storage.blob import'), at(CSPROJ, 'Azure.Messaging.ServiceBus')] },
  { list: 'Cloud SDKs', name: 'Firebase', id: 'firebase', where: [at(NODE_PKG, '"firebase-admin"'), at(STORAGE_TS, "from 'firebase-admin/app'"), at(PY_REQ, 'firebase-admin'), at(PY_CLOUD, 'import firebase_admin'), at(POM, '<artifactId>firebase-admin<'), at(`${JAVA}/cloud/CloudClients.java`, 'import com.google.firebase.FirebaseApp;')] },
  { list: 'Cloud SDKs', name: 'S3', id: 'aws-s3', where: [at(NODE_PKG, '"@aws-sdk/client-s3"'), at(STORAGE_TS, "from '@aws-sdk/client-s3'"), at(GO_MOD, 'service/s3'), at(POM, '<artifactId>s3<'), at(CSPROJ, 'AWSSDK.S3'), at(GEMFILE, 'gem "aws-sdk-s3"'), at(PY_CLOUD, 'boto3.client("s3")')] },
  { list: 'Cloud SDKs', name: 'Lambda', id: 'aws-lambda', where: [at(NODE_PKG, '"@aws-sdk/client-lambda"'), at(STORAGE_TS, "from '@aws-sdk/client-lambda'"), at(POM, '<artifactId>aws-lambda-java-core<'), at(`${JAVA}/cloud/CloudClients.java`, 'import com.amazonaws.services.lambda.runtime.Context;'), at(PY_CLOUD, 'boto3.client("lambda")')] },
  { list: 'Cloud SDKs', name: 'DynamoDB', id: 'dynamodb', where: [at(GO_MOD, 'service/dynamodb'), at('go/internal/cloud/aws.go', '"github.com/aws/aws-sdk-go-v2/service/dynamodb"'), at(POM, '<artifactId>dynamodb-enhanced<'), at(`${JAVA}/cloud/CloudClients.java`, 'import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;')] },
];

const AUTH_AND_VALIDATION: Row[] = [
  { list: 'Auth and security libraries', name: 'Passport', id: 'passport', where: [at(NODE_PKG, '"passport"'), at(EXPRESS_TS, "from 'passport'")] },
  { list: 'Auth and security libraries', name: 'jsonwebtoken', id: 'jwt', where: [at(NODE_PKG, '"jsonwebtoken"'), at(EXPRESS_TS, "from 'jsonwebtoken'"), at(GEMFILE, 'gem "jwt"'), at('ruby/sinatra/app.rb', 'require "jwt"'), at(COMPOSER, '"firebase/php-jwt"')] },
  { list: 'Auth and security libraries', name: 'jose', id: 'jwt', where: [at(NODE_PKG, '"jose"'), at('node/src/auth/oidc.ts', "from 'jose'")] },
  { list: 'Auth and security libraries', name: 'Spring Security', id: 'spring-security', where: [at(POM, '<artifactId>spring-boot-starter-security<'), at(`${JAVA}/security/SecurityConfig.java`, 'import org.springframework.security.config.annotation.web.builders.HttpSecurity;')] },
  { list: 'Auth and security libraries', name: 'Devise', id: 'devise', where: [at(GEMFILE, 'gem "devise"'), at('ruby/config/initializers/devise.rb', 'require "devise"')] },
  { list: 'Auth and security libraries', name: 'django-allauth', id: 'django-allauth', where: [at(PY_REQ, 'django-allauth==')] },
  { list: 'Auth and security libraries', name: 'Authlib', id: 'authlib', where: [at(PY_REQ, 'Authlib=='), at('python/app/flask_app.py', 'from authlib.integrations.flask_client import OAuth')] },
  { list: 'Auth and security libraries', name: 'OAuth/OIDC clients', id: 'oauth', where: [at(NODE_PKG, '"openid-client"'), at('node/src/auth/oidc.ts', "from 'openid-client'"), at(GEMFILE, 'gem "omniauth-google-oauth2"')] },
  { list: 'Auth and security libraries', name: 'bcrypt', id: 'bcrypt', where: [at(NODE_PKG, '"bcrypt"'), at(EXPRESS_TS, "from 'bcrypt'"), at(PY_REQ, 'bcrypt=='), at(PY_SECURITY, 'import bcrypt'), at(GEMFILE, 'gem "bcrypt"'), at(`${JAVA}/security/SecurityConfig.java`, 'import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;')] },
  { list: 'Auth and security libraries', name: 'argon2', id: 'argon2', where: [at(NODE_PKG, '"argon2"'), at(EXPRESS_TS, "from 'argon2'"), at(PY_REQ, 'argon2-cffi'), at(PY_SECURITY, 'from argon2 import PasswordHasher')] },
  { list: 'Auth and security libraries', name: 'passlib', id: 'passlib', where: [at(PY_REQ, 'passlib=='), at(PY_SECURITY, 'from passlib.context import CryptContext')] },
  { list: 'Auth and security libraries', name: 'helmet', id: 'helmet', where: [at(NODE_PKG, '"helmet"'), at(EXPRESS_TS, "from 'helmet'")] },
  { list: 'Auth and security libraries', name: 'cors', id: 'cors', where: [at(NODE_PKG, '"cors"'), at(EXPRESS_TS, "from 'cors'")] },
  { list: 'Auth and security libraries', name: 'csurf', id: 'csurf', where: [at(NODE_PKG, '"csurf"'), at(EXPRESS_TS, "from 'csurf'")] },
  { list: 'Validation libraries', name: 'joi', id: 'joi', where: [at(NODE_PKG, '"joi"'), at(VALIDATION_TS, "from 'joi'")] },
  { list: 'Validation libraries', name: 'zod', id: 'zod', where: [at(NODE_PKG, '"zod"'), at(VALIDATION_TS, "from 'zod'")] },
  { list: 'Validation libraries', name: 'yup', id: 'yup', where: [at(NODE_PKG, '"yup"'), at(VALIDATION_TS, "from 'yup'")] },
  { list: 'Validation libraries', name: 'class-validator', id: 'class-validator', where: [at(NODE_PKG, '"class-validator"'), at('node/src/nest/app.module.ts', "from 'class-validator'")] },
  { list: 'Validation libraries', name: 'pydantic', id: 'pydantic', where: [at(PY_REQ, 'pydantic=='), at('python/app/api.py', 'from pydantic import')] },
  { list: 'Validation libraries', name: 'marshmallow', id: 'marshmallow', where: [at(PY_REQ, 'marshmallow=='), at(PY_SECURITY, 'from marshmallow import')] },
  { list: 'Validation libraries', name: 'Bean Validation', id: 'bean-validation', where: [at(POM, '<artifactId>spring-boot-starter-validation<'), at(`${JAVA}/data/Animal.java`, 'import jakarta.validation.constraints.NotBlank;')] },
  { list: 'Validation libraries', name: 'FluentValidation', id: 'fluentvalidation', where: [at(CSPROJ, 'FluentValidation.AspNetCore'), at('dotnet/Zoo.Api/Validation/AnimalValidator.cs', 'using FluentValidation;')] },
];

const OBSERVABILITY: Row[] = [
  { list: 'Observability', name: 'Prometheus clients', id: 'prometheus', where: [at(NODE_PKG, '"prom-client"'), at(TELEMETRY_TS, "from 'prom-client'"), at(PY_REQ, 'prometheus-client'), at(PY_OBS, 'from prometheus_client import'), at(POM, '<artifactId>micrometer-registry-prometheus<'), at(CSPROJ, 'prometheus-net.AspNetCore'), at('dotnet/Zoo.Api/Program.cs', 'using Prometheus;')] },
  { list: 'Observability', name: 'OpenTelemetry', id: 'opentelemetry', where: [at(NODE_PKG, '"@opentelemetry/api"'), at(TELEMETRY_TS, "from '@opentelemetry/api'"), at(PY_OBS, 'from opentelemetry import trace'), at(`${JAVA}/api/ApiWiring.java`, 'import io.opentelemetry.api.GlobalOpenTelemetry;'), at(CSPROJ, 'OpenTelemetry.Extensions.Hosting'), at('dotnet/Zoo.Api/Services/AnimalService.cs', 'using OpenTelemetry.Trace;')] },
  { list: 'Observability', name: 'Sentry', id: 'sentry', where: [at(NODE_PKG, '"@sentry/node"'), at(TELEMETRY_TS, "from '@sentry/node'"), at(PY_OBS, 'import sentry_sdk'), at(POM, '<artifactId>sentry-spring-boot-starter-jakarta<'), at(CSPROJ, 'Sentry.AspNetCore'), at(COMPOSER, '"sentry/sentry-laravel"'), at('ruby/config/initializers/sentry.rb', 'require "sentry-ruby"')] },
  { list: 'Observability', name: 'winston', id: 'winston', where: [at(NODE_PKG, '"winston"'), at(TELEMETRY_TS, "from 'winston'")] },
  { list: 'Observability', name: 'pino', id: 'pino', where: [at(NODE_PKG, '"pino"'), at(TELEMETRY_TS, "from 'pino'")] },
  { list: 'Observability', name: 'logback', id: 'logback', where: [at(POM, '<artifactId>logback-classic<'), at(`${RES}/logback-spring.xml`), at('jvm-gradle/micronaut-api/build.gradle.kts', 'runtimeOnly("ch.qos.logback:logback-classic")')] },
  { list: 'Observability', name: 'structlog', id: 'structlog', where: [at(PY_REQ, 'structlog=='), at(PY_OBS, 'import structlog')] },
  { list: 'Observability', name: 'Serilog', id: 'serilog', where: [at(CSPROJ, 'Serilog.AspNetCore'), at('dotnet/Zoo.Api/Program.cs', 'using Serilog;')] },
];

const FRONTEND: Row[] = [
  { list: 'Frontend fundamentals', name: 'React', id: 'react', where: [at(NODE_PKG, '"react"'), at('node/web/App.tsx', "from 'react'")] },
  { list: 'Frontend fundamentals', name: 'Angular', id: 'angular', where: [at(NODE_PKG, '"@angular/core"'), at('node/web/app.component.ts', "from '@angular/core'")] },
  { list: 'Frontend fundamentals', name: 'Vue', id: 'vue', where: [at(NODE_PKG, '"vue"'), at('node/web/Counter.vue')] },
  { list: 'Frontend fundamentals', name: 'Svelte', id: 'svelte', where: [at(NODE_PKG, '"svelte"'), at('node/web/Greeting.svelte')] },
];

const API_STYLES: Row[] = [
  { list: 'Other API styles', name: 'GraphQL', id: 'graphql', where: [at('node/graphql/schema.graphql'), at(NODE_PKG, '"graphql"')] },
  { list: 'Other API styles', name: 'Apollo', id: 'apollo-server', where: [at(NODE_PKG, '"@apollo/server"'), at('node/src/api/graphql.ts', "from '@apollo/server'")] },
  { list: 'Other API styles', name: 'Apollo Client', id: 'apollo-client', where: [at(NODE_PKG, '"@apollo/client"'), at('node/web/App.tsx', "from '@apollo/client'")] },
  { list: 'Other API styles', name: 'graphql-js', id: 'graphql', where: [at(NODE_PKG, '"graphql"'), at('node/src/api/graphql.ts', "from 'graphql'")] },
  { list: 'Other API styles', name: 'graphene', id: 'graphene', where: [at(PY_REQ, 'graphene=='), at('python/app/graphql_api.py', 'import graphene')] },
  { list: 'Other API styles', name: 'Strawberry', id: 'strawberry', where: [at(PY_REQ, 'strawberry-graphql'), at('python/app/graphql_api.py', 'import strawberry')] },
  { list: 'Other API styles', name: 'graphql-java', id: 'graphql-java', where: [at(POM, '<artifactId>graphql-java<'), at(`${JAVA}/api/ApiWiring.java`, 'import graphql.schema.GraphQLSchema;')] },
  { list: 'Other API styles', name: 'Hot Chocolate', id: 'hot-chocolate', where: [at(CSPROJ, 'HotChocolate.AspNetCore'), at('dotnet/Zoo.Api/GraphQL/Query.cs', 'using HotChocolate;')] },
  {
    list: 'Other API styles', name: 'gRPC', id: 'grpc',
    where: [
      at('node/proto/orders.proto', 'service OrderService'), at('dotnet/Zoo.Api/Protos/animals.proto', 'service Animals'), // .proto services
      // python/app/rpc/orders_pb2_grpc.py is a generated stub: generated code is not evidence (issue 9).
      at(NODE_PKG, '"@grpc/grpc-js"'), at('node/src/api/grpc.ts', "from '@grpc/grpc-js'"), at(GO_MOD, 'google.golang.org/grpc'), at('go/internal/web/ws.go', '"google.golang.org/grpc"'),
      at(POM, '<artifactId>grpc-netty-shaded<'), at(CSPROJ, 'Grpc.AspNetCore'), at(PY_REQ, 'grpcio=='), at('python/app/grpc_server.py', 'import grpc'),
    ],
  },
  // python/app/rpc/orders_pb2.py is generated by protoc: not evidence (issue 9); the .proto is.
  { list: 'Other API styles', name: 'Protocol Buffers', id: 'protobuf', where: [at('node/proto/orders.proto')] },
  { list: 'Other API styles', name: 'WebSockets', id: 'websocket', where: [at(GO_MOD, 'github.com/gorilla/websocket'), at('go/internal/web/ws.go', '"github.com/gorilla/websocket"'), at('jvm-gradle/ktor-api/src/main/kotlin/com/example/zoo/Application.kt', 'import io.ktor.server.websocket.WebSockets')] },
  { list: 'Other API styles', name: 'ws', id: 'websocket', where: [at(NODE_PKG, '"ws"'), at('node/src/api/realtime.ts', "from 'ws'")] },
  { list: 'Other API styles', name: 'socket.io', id: 'socket-io', where: [at(NODE_PKG, '"socket.io"'), at('node/src/api/realtime.ts', "from 'socket.io'")] },
  { list: 'Other API styles', name: 'Spring WebSocket', id: 'websocket', where: [at(POM, '<artifactId>spring-boot-starter-websocket<'), at(`${JAVA}/api/ApiWiring.java`, 'import org.springframework.web.socket.config.annotation.EnableWebSocket;')] },
  { list: 'Other API styles', name: 'Django Channels', id: 'django-channels', where: [at(PY_REQ, 'channels=='), at('python/chat/consumers.py', 'from channels.generic.websocket import')] },
  { list: 'Other API styles', name: 'SignalR', id: 'signalr', where: [at('dotnet/Zoo.Api/Hubs/FeedHub.cs', 'using Microsoft.AspNetCore.SignalR;'), at(NODE_PKG, '"@microsoft/signalr"'), at('node/web/App.tsx', "from '@microsoft/signalr'")] },
];

/** Every technology the issue lists, by list. */
const LISTED: Row[] = [
  ...FRAMEWORKS, ...DATABASES, ...ORMS, ...MIGRATIONS, ...CACHES_AND_MESSAGING, ...CLOUD, ...AUTH_AND_VALIDATION, ...OBSERVABILITY, ...FRONTEND, ...API_STYLES,
];

/** Practices the lists name that are not technologies: indexes, responsive CSS, the API styles. */
const PRACTICES: { name: string; id: string; where: Where[] }[] = [
  {
    name: 'Indexes in DDL and in model definitions', id: 'db-indexes',
    where: [
      at('jvm-maven/src/main/resources/db/migration/V1__create_animals.sql', 'CREATE INDEX'), at('go/migrations/000001_create_animals.up.sql', 'CREATE INDEX'),
      at('python/blog/models.py', 'db_index=True'), at('python/alembic/versions/20240101_0001_create_accounts.py', 'op.create_index'), at('node/prisma/schema.prisma', '@@index'),
      at(`${JAVA}/data/Animal.java`, '@Index('), at('dotnet/Zoo.Api/Data/ZooContext.cs', 'HasIndex'), at('ruby/db/migrate/20240101000000_create_animals.rb', 'add_index'),
      at('php/database/migrations/2024_01_01_000000_create_animals_table.php', '->index()'),
    ],
  },
  { name: 'Responsive media queries', id: 'responsive-css', where: [at('node/web/styles.css', '@media')] },
  { name: 'GraphQL API', id: 'graphql-api', where: [at('node/graphql/schema.graphql', 'type Query')] },
  { name: 'gRPC API', id: 'grpc-api', where: [at('node/proto/orders.proto', 'service OrderService')] },
  { name: 'WebSocket API', id: 'websocket-api', where: [at('node/src/api/realtime.ts', 'new WebSocketServer')] },
];

/** Technologies that must not be reported: the zoo only names them in traps. */
const TRAPS: { id: string; why: string }[] = [
  { id: 'kubernetes', why: 'named only in README.md and in an editor recommendation' },
  { id: 'helm', why: 'named only in README.md' },
  { id: 'argo-cd', why: 'named only in README.md' },
  { id: 'travis-ci', why: 'only a badge in README.md' },
  { id: 'mocha', why: 'the Ruby mocking gem mocha (ruby/Gemfile) is not the JavaScript test framework' },
];

/** Files whose text names technologies without being evidence for any. */
const TRAP_FILES = ['README.md', '.vscode/extensions.json', 'python/.dockerignore'];

let scan: Promise<AnalysisResult> | undefined;
const scanZoo = (): Promise<AnalysisResult> => (scan ??= engine().then((e) => e.scan(ZOO)));

const texts = new Map<string, string[]>();
/** The 1-based line of the first line of a zoo file containing `on`; throws when none does. */
function lineOf(file: string, on: string): number {
  let lines = texts.get(file);
  if (!lines) texts.set(file, (lines = readFileSync(path.join(ZOO, file), 'utf8').split('\n')));
  const i = lines.findIndex((l) => l.includes(on));
  if (i < 0) throw new Error(`fixture problem: ${file} has no line containing ${JSON.stringify(on)}`);
  return i + 1;
}

const describeWhere = (w: Where) => (w.on ? `${w.file}:${lineOf(w.file, w.on)}` : w.file);

/** Checks that evidence exists at every expected place, listing all that are missing at once. */
function assertEvidence(label: string, evidence: { path: string; line?: number }[], where: Where[]): void {
  const missing = where.filter((w) => {
    const line = w.on ? lineOf(w.file, w.on) : undefined;
    return !evidence.some((e) => e.path === w.file && (line === undefined || e.line === line));
  });
  assert.deepEqual(
    missing.map(describeWhere),
    [],
    `${label}: no evidence at the places above; evidence: ${evidence.map((e) => `${e.path}:${e.line ?? ''}`).join(', ')}`,
  );
}

describe('technology coverage (issue 4 lists, in the tech zoo)', function () {
  this.timeout(60_000);

  it('every listed technology has an entry in data/technologies', () => {
    const ids = new Set<string>();
    const dir = path.join(REPO, 'data/technologies');
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      for (const t of JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { id: string }[]) ids.add(t.id);
    }
    const missing = LISTED.filter((r) => !ids.has(r.id)).map((r) => `${r.list}: ${r.name} (${r.id})`);
    assert.deepEqual(missing, [], 'listed technologies without a data entry');
  });

  for (const list of [...new Set(LISTED.map((r) => r.list))]) {
    describe(list, () => {
      for (const row of LISTED.filter((r) => r.list === list)) {
        it(`${row.name} → ${row.id}, at ${row.where.map((w) => (w.on ? `${w.file}:«${w.on}»` : w.file)).join(', ')}`, async () => {
          const r = await scanZoo();
          const t = r.technologies.find((x) => x.id === row.id);
          assert.ok(t, `${row.id} not detected`);
          assertEvidence(row.id, t.evidence, row.where);
          for (const e of t.evidence) {
            assert.ok(e.line === undefined || (Number.isInteger(e.line) && e.line >= 1), `${row.id}: evidence line ${e.line} at ${e.path} is not 1-based`);
          }
        });
      }
    });
  }

  describe('practices the lists name', () => {
    for (const p of PRACTICES) {
      it(`${p.name} → practice ${p.id}`, async () => {
        const r = await scanZoo();
        const found = r.practices.find((x) => x.id === p.id);
        assert.ok(found, `practice ${p.id} not detected`);
        assertEvidence(p.id, found.evidence, p.where);
      });
    }

    it('plain HTML and CSS are counted as languages', async () => {
      const r = await scanZoo();
      for (const [id, file] of [['html', 'node/web/index.html'], ['css', 'node/web/styles.css']]) {
        const lang = r.languages.find((l) => l.id === id);
        assert.ok(lang && lang.files >= 1, `language ${id} not counted`);
        assert.ok(lang.evidence.some((e) => e.path === file), `language ${id}: no evidence at ${file}`);
      }
    });
  });

  describe('traps', () => {
    for (const trap of TRAPS) {
      it(`does not report ${trap.id} (${trap.why})`, async () => {
        const r = await scanZoo();
        const t = r.technologies.find((x) => x.id === trap.id);
        assert.equal(t, undefined, `${trap.id} wrongly detected: ${JSON.stringify(t?.evidence.slice(0, 3))}`);
      });
    }

    it('the Ruby gem mocha is reported as the Ruby library it is', async () => {
      const r = await scanZoo();
      const t = r.technologies.find((x) => x.id === 'mocha-ruby');
      assert.ok(t, 'mocha-ruby not detected');
      assertEvidence('mocha-ruby', t.evidence, [at('ruby/Gemfile', 'gem "mocha"')]);
    });

    it('a comment naming mongoose is not evidence for Mongoose', async () => {
      const r = await scanZoo();
      const t = r.technologies.find((x) => x.id === 'mongoose');
      assert.ok(t, 'mongoose (declared in node/package.json) not detected');
      const fromComment = t.evidence.filter((e) => e.path === 'node/src/db/sql.ts');
      assert.deepEqual(fromComment, [], 'the comment in node/src/db/sql.ts was taken as evidence');
    });

    it('no README, editor recommendation or .dockerignore is cited as evidence', async () => {
      const r = await scanZoo();
      const cited = r.technologies.flatMap((t) => t.evidence.filter((e) => TRAP_FILES.includes(e.path)).map((e) => `${t.id} ← ${e.path}:${e.line ?? ''} (${e.detail})`));
      assert.deepEqual(cited, []);
    });
  });
});
