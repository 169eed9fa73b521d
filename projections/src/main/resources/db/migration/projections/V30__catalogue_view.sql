-- Read models of the catalogue and projects, rebuilt from events like every projection.
CREATE TABLE view_provider (
    provider_id      VARCHAR(200) PRIMARY KEY,
    name             VARCHAR(500) NOT NULL,
    kind             VARCHAR(20)  NOT NULL,
    euro_hpc_hosted  BOOLEAN      NOT NULL,
    ju_share_percent NUMERIC
);

CREATE TABLE view_cluster (
    cluster     VARCHAR(200) PRIMARY KEY,
    provider_id VARCHAR(200) NOT NULL,
    time_zone   VARCHAR(100) NOT NULL
);

CREATE TABLE view_pool (
    pool_id       VARCHAR(200) PRIMARY KEY,
    provider_id   VARCHAR(200) NOT NULL,
    cluster       VARCHAR(200) NOT NULL,
    partition     VARCHAR(200) NOT NULL,
    gpu_model     VARCHAR(200) NOT NULL,
    gpus_per_node INTEGER      NOT NULL,
    cpus_per_node INTEGER      NOT NULL,
    charged       BOOLEAN      NOT NULL
);

CREATE TABLE view_pool_factor (
    pool_id                 VARCHAR(200) NOT NULL,
    effective_from          TIMESTAMPTZ  NOT NULL,
    normalised_per_gpu_hour NUMERIC      NOT NULL,
    PRIMARY KEY (pool_id, effective_from)
);

CREATE TABLE view_pool_price (
    pool_id          VARCHAR(200) NOT NULL,
    effective_from   TIMESTAMPTZ  NOT NULL,
    eur_per_gpu_hour NUMERIC      NOT NULL,
    PRIMARY KEY (pool_id, effective_from)
);

CREATE TABLE view_project (
    project_id             VARCHAR(200) PRIMARY KEY,
    title                  VARCHAR(1000) NOT NULL,
    principal_investigator VARCHAR(500)  NOT NULL,
    organisation           VARCHAR(500)  NOT NULL,
    audience               VARCHAR(40)   NOT NULL,
    sector                 VARCHAR(200)  NOT NULL,
    access_mode            VARCHAR(40)   NOT NULL
);
