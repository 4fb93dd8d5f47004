package mock

import (
	"bytes"
	"fmt"
	"os"

	"gopkg.in/yaml.v3"

	"github.com/okmock/okmock/mock/world"
)

// Config is okmock's YAML configuration file: what a team declares once so
// that its test suite can hard-code credentials.
type Config struct {
	// Seed of the world (overridden by --seed when given).
	Seed *int64 `yaml:"seed"`
	// PublicURL is the base of absolute URLs okmock hands out.
	PublicURL string `yaml:"public_url"`
	// JournalSize is the number of requests kept.
	JournalSize int `yaml:"journal_size"`
	// NoDemoApp leaves the built-in demo application out.
	NoDemoApp bool `yaml:"no_demo_app"`
	// Apps, Users and Sessions are registered at start and at each reset.
	Apps     []App         `yaml:"apps"`
	Users    []UserSpec    `yaml:"users"`
	Sessions []SessionSpec `yaml:"sessions"`
}

// UserSpec declares a test user. Missing names come from the seed's style
// defaults; the password is what the OAuth login page accepts.
type UserSpec struct {
	UID       string `yaml:"uid" json:"uid"`
	FirstName string `yaml:"first_name" json:"first_name"`
	LastName  string `yaml:"last_name" json:"last_name"`
	Gender    string `yaml:"gender" json:"gender"`
	Birthday  string `yaml:"birthday" json:"birthday"`
	City      string `yaml:"city" json:"city"`
	Email     string `yaml:"email" json:"email"`
	Password  string `yaml:"password" json:"password"`
}

// maxConfigBytes bounds a configuration file: a config is small, and a
// huge one is a mistake or an attack.
const maxConfigBytes = 4 << 20

// LoadConfig reads a YAML configuration file. Unknown keys are errors, so
// a typo does not silently leave a setting out.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseConfig(path, data)
}

// ParseConfig parses configuration bytes; name is used in error messages.
func ParseConfig(name string, data []byte) (*Config, error) {
	if len(data) > maxConfigBytes {
		return nil, fmt.Errorf("%s: configuration is larger than %d bytes", name, maxConfigBytes)
	}
	var cfg Config
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&cfg); err != nil && err.Error() != "EOF" {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for i, u := range cfg.Users {
		if u.UID == "" {
			return nil, fmt.Errorf("%s: users[%d]: uid is required", name, i)
		}
		switch u.Gender {
		case "", "male", "female":
		default:
			return nil, fmt.Errorf("%s: users[%d]: gender must be male or female", name, i)
		}
	}
	for i := range cfg.Apps {
		if cfg.Apps[i].Status == "" {
			cfg.Apps[i].Status = AppPublic
		}
		if err := cfg.Apps[i].validate(); err != nil {
			return nil, fmt.Errorf("%s: apps[%d]: %s", name, i, err.Text)
		}
	}
	return &cfg, nil
}

// Apply copies the configuration into opts (the seed only when set).
func (c *Config) Apply(opts *Options) {
	if c.Seed != nil {
		opts.Seed = *c.Seed
	}
	if c.PublicURL != "" {
		opts.PublicURL = c.PublicURL
	}
	if c.JournalSize != 0 {
		opts.JournalSize = c.JournalSize
	}
	opts.NoDemoApp = opts.NoDemoApp || c.NoDemoApp
	opts.Apps = append(opts.Apps, c.Apps...)
	opts.Sessions = append(opts.Sessions, c.Sessions...)
	for _, u := range c.Users {
		opts.Users = append(opts.Users, u.User())
	}
}

// User turns the declaration into a world user, filling what is missing.
func (u UserSpec) User() world.User {
	wu := world.User{
		UID: u.UID, FirstName: u.FirstName, LastName: u.LastName, Gender: u.Gender,
		Birthday: u.Birthday, City: u.City, Email: u.Email, Password: u.Password,
		Locale: "ru", Country: "RUSSIAN_FEDERATION", CountryCode: "RU",
	}
	if wu.FirstName == "" {
		wu.FirstName = "Тест"
	}
	if wu.LastName == "" {
		wu.LastName = "Пользователь"
	}
	if wu.Gender == "" {
		wu.Gender = "male"
	}
	if wu.City == "" {
		wu.City = "Москва"
	}
	if wu.Password == "" {
		wu.Password = "password"
	}
	return wu
}
